namespace Berth.Runtime.Processes;

/// <summary>
/// How a process ended: an exit code or the signal that killed it, exactly one of the two set.
/// </summary>
public readonly record struct ExitStatus(int? Code, int? Signal)
{
    /// <summary>The code Docker reports: the exit code, or 128 + the signal number (SIGKILL gives 137).</summary>
    public int DockerExitCode => Code ?? 128 + (Signal ?? 0);

    public static ExitStatus Exited(int code) => new(code, null);

    public static ExitStatus Killed(int signal) => new(null, signal);

    /// <summary>
    /// Decodes a waitpid(2) status: the low 7 bits are the terminating signal (0 for a normal exit, 0x7f for
    /// a stopped child), bits 8–15 the exit code.
    /// </summary>
    public static ExitStatus FromWaitStatus(int status)
    {
        var signal = status & 0x7f;
        if (signal == 0) return Exited((status >> 8) & 0xff);
        if (signal == 0x7f) throw new ArgumentException($"wait status {status} is a stopped process, not an exit", nameof(status));
        return Killed(signal);
    }

    public override string ToString() => Code is { } code ? $"exit code {code}" : $"signal {Signal}";
}
