using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// <c>--ipc</c>, <c>--pid</c> and <c>--uts</c>: which of a container's namespaces are its own, the host's or another
/// container's, checked at create with Docker's words. IPC is private (Docker's default), shareable (private, and
/// others may join it), none (private with no /dev/shm), host or <c>container:NAME</c>; PID is private, host or
/// <c>container:NAME</c>; UTS is private or host; the cgroup namespace is private or host, by default Docker's
/// (the host's under cgroup v1, a private one under v2); a user namespace only the host's (no remapping).
/// </summary>
internal static class SharedNamespaces
{
    public const string Private = "private";
    public const string Shareable = "shareable";
    public const string None = "none";
    public const string Host = "host";
    private const string ContainerPrefix = "container:";

    /// <summary>The host config with its modes checked, and the IPC mode Docker records by default filled in.</summary>
    public static HostConfig Check(HostConfig host, string requestedHostname)
    {
        var cgroupns = host.CgroupnsMode.Length == 0 ? DefaultCgroupns() : host.CgroupnsMode;
        if (cgroupns is not (Private or Host)) throw BerthException.Invalid($"invalid cgroup namespace mode: {cgroupns}");
        if (host.UsernsMode is not ("" or Host))
            throw BerthException.Invalid($"invalid user namespace mode: {host.UsernsMode}: only \"host\" is supported, without user namespace remapping");
        var ipc = host.IpcMode.Length == 0 ? Private : host.IpcMode;
        if (ipc is not (Private or Shareable or None or Host) && JoinedContainer(ipc) is null)
            throw BerthException.Invalid($"invalid IPC mode: {ipc}");
        if (host.PidMode is not ("" or Host) && JoinedContainer(host.PidMode) is null)
            throw BerthException.Invalid("--pid: invalid PID mode");
        if (host.UTSMode is not ("" or Host)) throw BerthException.Invalid("--uts: invalid UTS mode");
        if (host.UTSMode == Host && requestedHostname.Length > 0)
            throw BerthException.Conflict("conflicting options: hostname and the UTS mode");
        return host with { IpcMode = ipc, CgroupnsMode = cgroupns };
    }

    private static string DefaultCgroupns() => File.Exists("/sys/fs/cgroup/cgroup.controllers") ? Private : Host;

    /// <summary>The container named by a <c>container:NAME</c> mode, or null for any other mode.</summary>
    public static string? JoinedContainer(string mode) =>
        mode.StartsWith(ContainerPrefix, StringComparison.Ordinal) && mode.Length > ContainerPrefix.Length ? mode[ContainerPrefix.Length..] : null;
}
