using Berth.Archive.Copy;
using Berth.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// The stat of a path in the container (Docker's HEAD /containers/{id}/archive): a final symlink is not
    /// followed; its target, resolved inside the container, is in <see cref="PathStat.LinkTarget"/>.
    /// </summary>
    public async Task<PathStat> StatPathAsync(string input, string containerPath, CancellationToken ct)
    {
        var container = Get(input);
        return await WithRootfsAsync(container, rootfs => Task.FromResult(InContainer(input, () => ContainerCopy.StatPath(rootfs, containerPath))))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// <c>berth cp CONTAINER:SRC ...</c>: a tar of SRC (named after its last element) written to
    /// <paramref name="tarOutput"/>; with <paramref name="followLink"/> a final symlink's target is archived
    /// under the link's name. Running and stopped containers alike; a running one is not paused (as Docker).
    /// </summary>
    public async Task<PathStat> CopyOutAsync(string input, string containerPath, Stream tarOutput, bool followLink, CancellationToken ct)
    {
        var container = Get(input);
        return await WithRootfsAsync(container, rootfs =>
            InContainerAsync(input, () => ContainerCopy.CopyOutAsync(rootfs, containerPath, tarOutput, followLink, ct))).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>berth cp ... CONTAINER:DEST</c>: plans by docker cp's destination rules against DEST as the container
    /// sees it (a symlink DEST is followed inside the container), then extracts <paramref name="tar"/> confined
    /// to the container's rootfs. <paramref name="source"/> describes what the tar holds; null for a tar read
    /// from stdin, which DEST, an existing directory, receives as it is.
    /// </summary>
    public async Task CopyInAsync(string input, string containerPath, Stream tar, CopySource? source, bool copyUidGid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tar);
        var container = Get(input);
        if (container.Record.HostConfig.ReadonlyRootfs)
            throw new BerthException(ErrorKind.PermissionDenied, "container rootfs is marked read-only");
        await WithRootfsAsync(container, async rootfs =>
        {
            var destination = Destination(rootfs, input, containerPath);
            CopyInOptions options;
            string directory;
            if (source is null)
            {
                if (!destination.Exists || !destination.IsDirectory)
                    throw BerthException.Invalid($"destination \"{input}:{containerPath}\" must be a directory");
                (directory, options) = (destination.Path, new CopyInOptions { CopyUidGid = copyUidGid });
            }
            else
            {
                var plan = CopyPlan.Plan(source, destination);
                directory = plan.ExtractDirectory;
                options = new CopyInOptions { CopyUidGid = copyUidGid, RebaseFrom = plan.RenameFrom, RebaseTo = plan.RenameTo };
            }
            await InContainerAsync(input, async () =>
            {
                await ContainerCopy.CopyInAsync(rootfs, directory, tar, options, ct).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    // docker's CLI stats the destination first and follows a symlink destination inside the container.
    private static CopyDestination Destination(string rootfs, string input, string containerPath)
    {
        var path = containerPath;
        var stat = TryStat(rootfs, path);
        if (stat is { IsSymlink: true })
        {
            path = stat.LinkTarget + (CopyPlan.AssertsDirectory(containerPath) ? "/" : "");
            stat = TryStat(rootfs, path);
        }
        if (stat is not null)
        {
            if (!stat.IsDirectory && (stat.Mode & (GoFileMode.Device | GoFileMode.CharDevice | GoFileMode.NamedPipe | GoFileMode.Socket)) != 0)
                throw BerthException.Invalid($"destination \"{input}:{containerPath}\" must be a directory or a regular file");
            return new CopyDestination { Path = path, Exists = true, IsDirectory = stat.IsDirectory };
        }
        var (parent, _) = CopyPlan.SplitPath(path.StartsWith('/') ? path : "/" + path);
        return new CopyDestination { Path = path, Exists = false, ParentExists = TryStat(rootfs, parent + "/") is { IsDirectory: true } };
    }

    private static PathStat? TryStat(string rootfs, string path)
    {
        try
        {
            return ContainerCopy.StatPath(rootfs, path);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static T InContainer<T>(string input, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && e.Message.EndsWith(" in container", StringComparison.Ordinal))
        {
            throw new BerthException(ErrorKind.NotFound, e.Message + " " + input, e);
        }
    }

    // ContainerCopy names the file; Docker's message names the container too.
    private static async Task<T> InContainerAsync<T>(string input, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && e.Message.EndsWith(" in container", StringComparison.Ordinal))
        {
            throw new BerthException(ErrorKind.NotFound, e.Message + " " + input, e);
        }
    }
}
