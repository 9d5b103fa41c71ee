using Berth.Archive.Copy;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth export</c>: the container's merged root filesystem as a plain tar (see
    /// <see cref="DirectoryArchive"/>), from a running or a stopped container. Volumes are not included, as in
    /// Docker.
    /// </summary>
    /// <param name="output">Receives the tar; it is flushed, not closed.</param>
    public async Task ExportAsync(string input, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var container = Get(input);
        await WithRootfsAsync(container, async rootfs =>
        {
            await DirectoryArchive.WriteAsync(rootfs, output, ct).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }
}
