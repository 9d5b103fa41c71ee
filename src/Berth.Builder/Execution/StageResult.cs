namespace Berth.Builder.Execution;

/// <summary>A finished stage: its final state, which later stages start from or copy out of.</summary>
internal sealed record StageResult(StageState State);
