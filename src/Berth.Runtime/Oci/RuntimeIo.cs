using System.Runtime.InteropServices;

namespace Berth.Runtime.Oci;

/// <summary>
/// The standard streams handed to the runtime process. runc passes its own stdio on to a container (or exec'd
/// process) that has no terminal, so these become the container's stdin, stdout and stderr. Null is /dev/null.
/// </summary>
public sealed record RuntimeIo(SafeHandle? Stdin, SafeHandle? Stdout, SafeHandle? Stderr)
{
    /// <summary>Descriptors the runtime passes on to the process as 3, 4... (runc's --preserve-fds).</summary>
    public IReadOnlyList<SafeHandle> Passed { get; init; } = [];

    /// <summary>All three streams on /dev/null (terminal containers, detached processes that need no input).</summary>
    public static RuntimeIo Null => new(null, null, null);
}
