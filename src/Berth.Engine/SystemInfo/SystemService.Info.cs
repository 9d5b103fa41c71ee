using System.Diagnostics;
using System.Runtime.InteropServices;
using Berth.Engine.Models;

namespace Berth.Engine.SystemInfo;

public sealed partial class SystemService
{
    /// <summary><c>berth info</c>: counts, storage, runtime, cgroups and host facts.</summary>
    public Task<EngineInfo> InfoAsync(string version, CancellationToken ct)
    {
        var (images, statuses) = _metadata.Read(t => (_images.All(t).Count, _images.ContainerStatuses(t)));
        // Restarting counts as running, as in docker.
        var running = statuses.Count(c => c.Status is "Running" or "Restarting");
        var paused = statuses.Count(c => c.Status == "Paused");
        var warnings = new List<string>();
        var runcPath = HostFacts.FindOnPath("runc");
        if (runcPath is null) warnings.Add("WARNING: runc not found on PATH: containers cannot run");
        var runtimes = new Dictionary<string, RuntimeInfo>();
        if (runcPath is not null) runtimes["runc"] = new RuntimeInfo(runcPath, HostFacts.RuntimeVersion(runcPath));
        return Task.FromResult(new EngineInfo
        {
            ID = HostFacts.EngineId(_layout.Root),
            Containers = statuses.Count,
            ContainersRunning = running,
            ContainersPaused = paused,
            ContainersStopped = statuses.Count - running - paused,
            Images = images,
            Driver = _snapshotter.Driver,
            DriverStatus = [["Backing Filesystem", HostFacts.FilesystemOf(_layout.Root)], ["Supports d_type", "true"]],
            DockerRootDir = _layout.Root,
            ExecRoot = _layout.RunRoot,
            CgroupDriver = "cgroupfs",
            CgroupVersion = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1",
            DefaultRuntime = "runc",
            Runtimes = runtimes,
            KernelVersion = HostFacts.KernelVersion(),
            OperatingSystem = HostFacts.OperatingSystem(),
            OSType = "linux",
            Architecture = RuntimeInformation.OSArchitecture switch { Architecture.X64 => "x86_64", Architecture.Arm64 => "aarch64", var a => a.ToString().ToLowerInvariant() },
            NCPU = Environment.ProcessorCount,
            MemTotal = HostFacts.MemoryTotal(),
            Name = Environment.MachineName,
            ServerVersion = version,
            Warnings = warnings,
        });
    }
}
