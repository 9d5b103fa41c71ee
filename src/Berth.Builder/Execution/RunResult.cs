namespace Berth.Builder.Execution;

/// <summary>How a RUN ended: the process's exit code (128+n for a signal) and, when it succeeded, its layer.</summary>
public sealed record RunResult(int ExitCode, BuildLayer? Layer);
