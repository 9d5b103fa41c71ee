using Berth.Archive.Changes;
using Berth.Engine.Images;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth commit</c>: a new image made of the container's image layers plus one layer holding the
    /// container's writable layer (overlay whiteouts turned into OCI ones), with the container's config and the
    /// <see cref="CommitOptions.Changes"/> applied, and a history entry carrying the author and message. A
    /// running container is paused while its layer is written unless <see cref="CommitOptions.Pause"/> is false,
    /// so the layer is one consistent state.
    /// </summary>
    /// <returns>The new image's ID.</returns>
    public async Task<RegisteredImage> CommitAsync(string input, CommitOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var container = Get(input);
        var paused = false;
        if (options.Pause && container.State.Status == ContainerStatus.Running)
        {
            await PauseAsync(container.Id, ct).ConfigureAwait(false);
            paused = true;
        }
        try
        {
            var directories = SnapshotDirectories.From(_snapshotter.Mounts(container.Id));
            var image = new ImageCommit
            {
                ParentId = Digest.Parse(container.Record.ImageId),
                ContainerId = container.Id,
                Config = ToImageConfig(container.Record.Config),
                Changes = options.Changes,
                Author = options.Author,
                Comment = options.Comment,
                Reference = options.Reference,
            };
            return await _images.CommitAsync(image,
                (stream, token) => UpperLayerWriter.WriteAsync(directories.Upper, directories.Lowers, stream, clamp: null, token), ct)
                .ConfigureAwait(false);
        }
        finally
        {
            // The container may have been stopped or removed meanwhile: only a still paused one is thawed.
            if (paused && Find(container.Id) is { State.Status: ContainerStatus.Paused })
                await UnpauseAsync(container.Id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>moby commits the container's own config (its merged Config), Image and runtime-only fields aside.</summary>
    private static ContainerConfig ToImageConfig(DockerContainerConfig config) => new()
    {
        Hostname = config.Hostname,
        Domainname = config.Domainname,
        User = config.User,
        ExposedPorts = config.ExposedPorts,
        Env = config.Env,
        Entrypoint = config.Entrypoint,
        Cmd = config.Cmd,
        Volumes = config.Volumes,
        WorkingDir = config.WorkingDir,
        Labels = config.Labels,
        StopSignal = config.StopSignal,
        Healthcheck = config.Healthcheck,
        OnBuild = config.OnBuild,
        Shell = config.Shell,
    };
}
