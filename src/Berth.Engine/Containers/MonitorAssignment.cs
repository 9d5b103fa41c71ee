using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// The one line a <see cref="PendingMonitor"/> reads from its assignment pipe: the container's ID, then
/// <c>wait-attach</c> when the container must wait for its first client. End of file instead means "nothing to run".
/// </summary>
internal static class MonitorAssignment
{
    private const string WaitAttach = "wait-attach";

    public static string Format(string id, bool waitForAttach) => waitForAttach ? $"{id} {WaitAttach}\n" : id + "\n";

    /// <summary>The container and its wait flag, or null for an empty pipe (the start was given up).</summary>
    public static (string Id, bool WaitForAttach)? Parse(string? line)
    {
        if (line is null) return null;
        var parts = line.Split(' ');
        if (parts[0].Length == 0 || parts.Length > 2 || (parts.Length == 2 && parts[1] != WaitAttach))
            throw new BerthException(ErrorKind.InvalidArgument, $"invalid monitor assignment: {line}");
        return (parts[0], parts.Length == 2);
    }
}
