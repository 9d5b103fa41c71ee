namespace Berth.Builder.Dockerfile;

/// <summary>
/// One <c>RUN --mount</c> after expansion, as BuildKit reads it (instructions/commands_runmount.go). Parse the
/// values of <see cref="RunInstruction.Mounts"/> with <see cref="Parse"/> after
/// <see cref="InstructionExpander.Expand"/>.
/// </summary>
public sealed partial record RunMount
{
    /// <summary><c>bind</c> (default), <c>cache</c>, <c>tmpfs</c>, <c>secret</c> or <c>ssh</c>.</summary>
    public string Type { get; init; } = "bind";

    /// <summary>The stage or image a bind or cache mount takes its content from; null for the build context.</summary>
    public string? From { get; init; }

    public string? Source { get; init; }

    public string? Target { get; init; }

    /// <summary>Defaults to true for bind, secret and ssh, false for cache and tmpfs.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>tmpfs only: <c>size=</c> in bytes, 0 when not given.</summary>
    public long SizeLimit { get; init; }

    /// <summary>The cache id, or the secret/ssh id.</summary>
    public string? Id { get; init; }

    /// <summary>cache only: <c>shared</c>, <c>private</c> or <c>locked</c>; null when not given (shared).</summary>
    public string? Sharing { get; init; }

    /// <summary>secret/ssh only: fail the step when the secret or agent is missing.</summary>
    public bool Required { get; init; }

    /// <summary>secret only: expose the secret as this environment variable.</summary>
    public string? Env { get; init; }

    public uint? Mode { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }
}
