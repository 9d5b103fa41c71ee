using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// <c>--ipc</c>, <c>--pid</c> and <c>--uts</c>: which of a container's namespaces are its own, the host's or another
/// container's, checked at create with Docker's words. IPC is private (Docker's default), shareable (private, and
/// others may join it), none (private with no /dev/shm), host or <c>container:NAME</c>; PID is private, host or
/// <c>container:NAME</c>; UTS is private or host.
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
        var ipc = host.IpcMode.Length == 0 ? Private : host.IpcMode;
        if (ipc is not (Private or Shareable or None or Host) && JoinedContainer(ipc) is null)
            throw BerthException.Invalid($"invalid IPC mode: {ipc}");
        if (host.PidMode is not ("" or Host) && JoinedContainer(host.PidMode) is null)
            throw BerthException.Invalid("--pid: invalid PID mode");
        if (host.UTSMode is not ("" or Host)) throw BerthException.Invalid("--uts: invalid UTS mode");
        if (host.UTSMode == Host && requestedHostname.Length > 0)
            throw BerthException.Conflict("conflicting options: hostname and the UTS mode");
        return host with { IpcMode = ipc };
    }

    /// <summary>The container named by a <c>container:NAME</c> mode, or null for any other mode.</summary>
    public static string? JoinedContainer(string mode) =>
        mode.StartsWith(ContainerPrefix, StringComparison.Ordinal) && mode.Length > ContainerPrefix.Length ? mode[ContainerPrefix.Length..] : null;
}
