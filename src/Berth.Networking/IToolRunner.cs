namespace Berth.Networking;

/// <summary>
/// Runs a host tool (<c>nft</c>) by argv and collects its exit code and output. The
/// caller supplies it because the process that waits for the child differs: a container's monitor is a
/// subreaper and must reap through its own reaper, a CLI process can wait directly.
/// </summary>
public interface IToolRunner
{
    /// <summary>Runs <paramref name="tool"/> (a name looked up on PATH) with <paramref name="args"/>, feeding <paramref name="stdin"/>.</summary>
    Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> args, string? stdin, CancellationToken ct);
}
