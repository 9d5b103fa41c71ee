using System.Diagnostics;
using Berth.Builder.Context;
using Berth.Builder.Dockerfile;
using Berth.Builder.Execution;
using Berth.Content;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Networks;
using Berth.Engine.Storage;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Builds;

/// <summary>
/// <c>berth build</c>: loads the context and the Dockerfile, runs the build through <see cref="BuildExecutor"/>
/// on this state root's <see cref="BuildWorker"/>, and exports the result (the image store, an image archive,
/// or the root filesystem). The store stays shared-locked throughout, so garbage collection never takes a
/// step's layer while the build still needs it.
/// </summary>
public sealed partial class BuildService
{
    private readonly ImageService _images;
    private readonly ISnapshotter _snapshotter;
    private readonly LocalContentStore _content;
    private readonly MetadataStore _metadata;
    private readonly StateLayout _layout;
    private readonly EngineOptions _options;
    private readonly NetworkService _networks;

    internal BuildService(ImageService images, ISnapshotter snapshotter, LocalContentStore content, MetadataStore metadata, StateLayout layout,
        EngineOptions options, NetworkService networks)
    {
        _networks = networks;
        _images = images;
        _snapshotter = snapshotter;
        _content = content;
        _metadata = metadata;
        _layout = layout;
        _options = options;
    }

    public async Task<BuildResponse> BuildAsync(BuildRequest request, IProgress<BuildEvent> progress, CancellationToken ct)
    {
        var names = request.Tags.Select(ParseTag).ToList();
        var outputs = request.Outputs.Count == 0 ? [new BuildOutput("image", null)] : request.Outputs;
        CheckPlatform(request.Options.Platform);
        var (context, dockerfile) = await LoadAsync(request, progress, ct).ConfigureAwait(false);
        using (context)
        {
            var document = DockerfileParser.Parse(dockerfile);
            using var storeLock = StoreLock.Shared(_layout.StoreLock, ct);
            var worker = new BuildWorker(_images, _snapshotter, _content, _metadata, _layout, _options, request.Options.Platform, _networks);
            worker.UseCacheDirectories(request.CacheFrom, request.CacheTo);
            var digests = FileDigestCache.Load(_layout.Root, context.Root);
            using var executor = new BuildExecutor(worker, context, request.Options, progress, _options.Time) { FirstVertex = 3, StatCache = digests };
            var outcome = await executor.BuildAsync(document, ct).ConfigureAwait(false);
            digests.Save();
            await worker.ExportCacheAsync(ct).ConfigureAwait(false);
            return await ExportAsync(outcome, names, outputs, worker, progress, executor.NextVertex, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The context and the Dockerfile's text, reported as BuildKit's two "[internal]" vertices.</summary>
    private async Task<(BuildContext Context, string Dockerfile)> LoadAsync(BuildRequest request, IProgress<BuildEvent> progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        BuildContext context;
        string? text = request.DockerfileText;
        if (request.ContextStream is { } stream)
        {
            Directory.CreateDirectory(_layout.Temp);
            var (fromStream, bareDockerfile) = await BuildContext.FromStreamAsync(stream, _layout.Temp, ct).ConfigureAwait(false);
            context = fromStream;
            text ??= bareDockerfile;
        }
        else
        {
            context = BuildContext.FromDirectory(request.ContextDirectory ?? ".", request.DockerfileText is null ? request.DockerfilePath : null);
        }
        try
        {
            text ??= context.ReadDockerfile(request.DockerfilePath);
        }
        catch
        {
            context.Dispose();
            throw;
        }
        var name = request.DockerfilePath is { } path && path != "-" ? Path.GetFileName(path) : "Dockerfile";
        progress.Report(new BuildEvent(1, $"[internal] load build definition from {name}", BuildEventKind.Started));
        progress.Report(new BuildEvent(1, $"[internal] load build definition from {name}", BuildEventKind.Status, $"transferring dockerfile: {System.Text.Encoding.UTF8.GetByteCount(text)}B done"));
        progress.Report(new BuildEvent(1, $"[internal] load build definition from {name}", BuildEventKind.Done, null, watch.Elapsed));
        progress.Report(new BuildEvent(2, "[internal] load .dockerignore", BuildEventKind.Started));
        progress.Report(new BuildEvent(2, "[internal] load .dockerignore", BuildEventKind.Done, null, watch.Elapsed));
        return (context, text);
    }

    private static Reference ParseTag(string tag)
    {
        if (!Reference.TryParse(tag, out var reference, out _))
            throw BerthException.Invalid($"invalid tag \"{tag}\": invalid reference format");
        if (reference.Digest is not null) throw BerthException.Invalid($"invalid tag \"{tag}\": cannot tag with a digest");
        return reference.WithDefaultTag();
    }

    /// <summary>RUN steps execute here, so only this machine's platform can be built (no emulation).</summary>
    private static void CheckPlatform(Platform platform)
    {
        var host = Platform.Host;
        if (platform.Os != host.Os || platform.Architecture != host.Architecture)
            throw BerthException.Invalid($"platform {platform} is not supported: berth builds for the host platform ({host}) only");
    }
}
