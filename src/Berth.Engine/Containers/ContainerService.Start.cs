using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth start</c>: mounts the rootfs, writes the OCI bundle and hands the container to a new monitor
    /// process, which runs it and outlives this one. Starting a running container does nothing. With
    /// <see cref="StartOptions.WaitForAttach"/> it returns once the container is created and the caller may
    /// attach; <see cref="ContainerStart.WaitStarted"/> then reports the start.
    /// </summary>
    public async Task<ContainerStart> StartAsync(string input, StartOptions options, CancellationToken ct)
    {
        // A run primed already, when it prepared its monitor.
        if (options.Monitor is null) CgroupAttachPrimer.Prime();
        var container = Get(input);
        var paths = PathsOf(container.Id);
        Directory.CreateDirectory(paths.Bundle);
        // One starter at a time; a second one finds the monitor alive and has nothing to do.
        using var startLock = FileLock.Acquire(Path.Combine(paths.Bundle, "start.lock"));
        container = Get(container.Id);
        switch (container.State.Status)
        {
            case ContainerStatus.Running or ContainerStatus.Restarting:
                return ContainerStart.AlreadyRunning(container.Id, paths.AttachSocket);
            case ContainerStatus.Paused:
                throw BerthException.Conflict("cannot start a paused container, try unpause instead");
            case ContainerStatus.Removing or ContainerStatus.Dead:
                throw BerthException.Conflict($"container {container.Id} is marked for removal and cannot be started");
        }

        await PrepareBundleAsync(container, paths, options, ct).ConfigureAwait(false);
        MonitorLaunch launch;
        try
        {
            launch = options.Monitor is { } pending
                ? pending.Start(container.Id, options.WaitForAttach, paths)
                : MonitorLauncher.Launch(MonitorExecutable, _options, container.Id, options.WaitForAttach, paths);
        }
        catch
        {
            ReleaseBundle(paths);
            throw;
        }
        var start = new ContainerStart(container.Id, paths.AttachSocket, launch);
        start.WaitCreated(options.WaitForAttach, ct);
        return start;
    }

    /// <summary>
    /// Starts a monitor process before the container it will run exists, so that its start-up overlaps the
    /// caller's create and rootfs mount (<c>run</c>): create the container with it, then hand it to
    /// <see cref="StartAsync"/> in <see cref="StartOptions.Monitor"/>. It needs no open engine, so it can start
    /// before the caller opens one.
    /// </summary>
    public static PendingMonitor PrepareMonitor(EngineOptions options)
    {
        CgroupAttachPrimer.Prime();
        var id = NewContainerId();
        var layout = new StateLayout(options.Root, options.RunRoot, options.StorageDriver);
        return MonitorLauncher.Prelaunch(options.BerthExecutable, options, id, PendingMonitorLog(layout, id));
    }

    /// <summary>
    /// Where a monitor started ahead for <paramref name="id"/> writes until its container starts: beside the
    /// bundles under a dot name, which no container ID has. Both the starter and the monitor know it, so whichever
    /// sees the start given up (the starter may have been killed) removes it.
    /// </summary>
    internal string PendingMonitorLog(string id) => PendingMonitorLog(_layout, id);

    private static string PendingMonitorLog(StateLayout layout, string id) =>
        Path.Combine(Path.GetDirectoryName(layout.BundleDirectory(id))!, $".monitor-{id}.log");

    /// <summary>The descriptors for starting a process of the container through its seccomp step, when it has one.</summary>
    internal SeccompPreload? OpenSeccompPreload(ContainerPaths paths) => SeccompPreload.Open(paths.SeccompProgram, paths.Bundle, SeccompStepExecutable);

    internal string SeccompStepExecutable => SeccompPreload.StepExecutableBeside(MonitorExecutable);

    /// <summary>Unmounts the rootfs and deletes the bundle; what a monitor does when its container is done.</summary>
    internal static void ReleaseBundle(ContainerPaths paths)
    {
        ReleaseBundleMounts(paths);
        if (!Directory.Exists(paths.Bundle)) return;
        foreach (var file in new[] { paths.SpecFile, paths.SeccompProgram, paths.PidFile, paths.AttachSocket, paths.ConsoleSocket })
            File.Delete(file);
    }

    /// <summary>
    /// Unmounts the rootfs and /dev/shm and unpins the network namespace: the part of <see cref="ReleaseBundle"/>
    /// a removal needs before it deletes the whole bundle directory.
    /// </summary>
    internal static void ReleaseBundleMounts(ContainerPaths paths)
    {
        Mounts.UnmountIfMounted(paths.Rootfs);
        Mounts.UnmountIfMounted(paths.ShmDirectory);
        // Unpinning a dead container's namespace is what makes the kernel delete its veth pairs.
        if (File.Exists(paths.NetnsFile)) NetworkNamespace.Release(paths.NetnsFile);
    }
}
