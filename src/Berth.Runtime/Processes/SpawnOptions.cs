using System.Runtime.InteropServices;

namespace Berth.Runtime.Processes;

/// <summary>
/// What <see cref="ChildProcess.Spawn"/> starts and which descriptors the child gets. The child receives
/// descriptors 0–2 (from the three streams, /dev/null where null) and 3.. from <see cref="ExtraFds"/>, nothing
/// else. To hand on one of this process's own descriptors, wrap its number:
/// <c>new SafeFileHandle(0, ownsHandle: false)</c>.
/// </summary>
public sealed record SpawnOptions
{
    /// <summary>An absolute (or relative, with a slash) path, or a bare name looked up on this process's PATH.</summary>
    public required string Path { get; init; }

    /// <summary>The arguments after argv[0]; argv[0] is <see cref="Path"/> as given.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>KEY=VALUE entries; null inherits this process's environment.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    public SafeHandle? Stdin { get; init; }

    public SafeHandle? Stdout { get; init; }

    public SafeHandle? Stderr { get; init; }

    /// <summary>Descriptors 3, 4, … in the child, in order (a sync pipe, a listening socket).</summary>
    public IReadOnlyList<SafeHandle> ExtraFds { get; init; } = [];

    /// <summary>Runs the child in a new session (setsid), detached from this process's terminal and signals.</summary>
    public bool NewSession { get; init; }

    /// <summary>The child's working directory; null keeps this process's.</summary>
    public string? WorkingDirectory { get; init; }
}
