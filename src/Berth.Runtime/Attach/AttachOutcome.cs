namespace Berth.Runtime.Attach;

/// <summary>The result of <see cref="AttachClient.RunAsync"/>; <see cref="ExitCode"/> is meaningful when Exited.</summary>
public readonly record struct AttachOutcome(AttachOutcomeKind Kind, int ExitCode)
{
    public static AttachOutcome Exited(int exitCode) => new(AttachOutcomeKind.Exited, exitCode);

    public static AttachOutcome Detached => new(AttachOutcomeKind.Detached, 0);

    public static AttachOutcome Disconnected => new(AttachOutcomeKind.Disconnected, 0);
}
