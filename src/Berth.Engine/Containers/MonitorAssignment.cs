using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// The one line a <see cref="PendingMonitor"/> reads from its assignment pipe once its container may start:
/// <c>start</c>, or <c>start wait-attach</c> when the container must wait for its first client. End of file
/// instead means the start was given up (the create failed).
/// </summary>
internal static class MonitorAssignment
{
    private const string Start = "start";
    private const string WaitAttach = "wait-attach";

    public static string Format(bool waitForAttach) => waitForAttach ? $"{Start} {WaitAttach}\n" : Start + "\n";

    /// <summary>Whether to wait for a client, or null for a pipe closed without a start.</summary>
    public static bool? Parse(string? line) => line switch
    {
        null => null,
        Start => false,
        $"{Start} {WaitAttach}" => true,
        _ => throw new BerthException(ErrorKind.InvalidArgument, $"invalid monitor assignment: {line}"),
    };
}
