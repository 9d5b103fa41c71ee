namespace Berth.Runtime.Spec;

/// <summary>
/// A process to start in a running container (<c>docker exec</c>), resolved by the caller: the user comes
/// from <see cref="UserResolver"/>, the capabilities from the container's spec (bounding set).
/// </summary>
public sealed record ExecProcessOptions
{
    public required IReadOnlyList<string> Args { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public string Cwd { get; init; } = "/";
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
    public uint? Umask { get; init; }
    public bool Terminal { get; init; }
    public ConsoleBox? ConsoleSize { get; init; }

    /// <summary><c>docker exec --privileged</c>: every capability, whatever the container has.</summary>
    public bool Privileged { get; init; }

    /// <summary>The container's capability names (CAP_*), used for all three non-empty sets.</summary>
    public IReadOnlyList<string> ContainerCapabilities { get; init; } = [];

    /// <summary>The engine's own bounding set, limiting what --privileged grants; null for all.</summary>
    public IReadOnlyList<string>? HostCapabilities { get; init; }

    public bool NoNewPrivileges { get; init; }

    /// <summary>The container's rlimits, which an exec'd process keeps as docker's does.</summary>
    public IReadOnlyList<PosixRlimit>? Rlimits { get; init; }
}
