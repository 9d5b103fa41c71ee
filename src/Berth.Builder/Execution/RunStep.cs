namespace Berth.Builder.Execution;

/// <summary>
/// One RUN: the process (argv, environment, user, working directory) and its sandbox (network, extra mounts).
/// Output goes to <see cref="Output"/> as it comes, stderr flagged.
/// </summary>
public sealed record RunStep
{
    public required IReadOnlyList<string> Args { get; init; }
    public required IReadOnlyList<string> Env { get; init; }
    public string WorkingDir { get; init; } = "/";
    /// <summary>USER as written (name or id, with an optional group), resolved in the step's rootfs.</summary>
    public string? User { get; init; }
    /// <summary><c>default</c>, <c>host</c> or <c>none</c>.</summary>
    public string Network { get; init; } = "default";
    public IReadOnlyList<RunMount> Mounts { get; init; } = [];
    /// <summary>Mtimes later than this are clamped in the step's layer (SOURCE_DATE_EPOCH).</summary>
    public DateTimeOffset? ClampTime { get; init; }
    public required Action<ReadOnlyMemory<byte>, bool> Output { get; init; }
}
