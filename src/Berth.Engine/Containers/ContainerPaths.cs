namespace Berth.Engine.Containers;

/// <summary>
/// Where one container's files live: persistent ones (logs, hosts files) under the state root and runtime ones
/// (bundle, rootfs mount point, monitor lock and sockets) under the run root.
/// </summary>
internal sealed record ContainerPaths(string Directory, string Bundle)
{
    public string LogFile => Path.Combine(Directory, Path.GetFileName(Directory) + "-json.log");
    public string HostsFile => Path.Combine(Directory, "hosts");
    public string HostnameFile => Path.Combine(Directory, "hostname");
    public string ResolvConfFile => Path.Combine(Directory, "resolv.conf");
    public string Rootfs => Path.Combine(Bundle, "rootfs");
    public string SpecFile => Path.Combine(Bundle, "config.json");
    /// <summary>The seccomp program the container's processes load themselves (<see cref="Berth.Runtime.Seccomp.SeccompStep"/>).</summary>
    public string SeccompProgram => Path.Combine(Bundle, "seccomp.bpf");
    public string PidFile => Path.Combine(Bundle, "init.pid");
    /// <summary>Held exclusively by the monitor for its whole life: a lock that cannot be taken means a live monitor.</summary>
    public string MonitorLock => Path.Combine(Bundle, "monitor.lock");
    public string MonitorLog => Path.Combine(Bundle, "monitor.log");
    public string AttachSocket => Path.Combine(Bundle, "attach.sock");
    public string ConsoleSocket => Path.Combine(Bundle, "console.sock");
    /// <summary>A bridge-mode container's network namespace, pinned here by its monitor while it runs.</summary>
    public string NetnsFile => Path.Combine(Bundle, "netns");
    /// <summary>The /dev/shm of a container with <c>--ipc shareable</c>: a tmpfs on the host, so others can join it.</summary>
    public string ShmDirectory => Path.Combine(Bundle, "shm");
}
