namespace Berth.Builder.Dockerfile;

/// <summary>RUN with its BuildKit flags (<c>--mount</c>, <c>--network</c>, <c>--security</c>, <c>--device</c>) and heredocs.</summary>
public sealed record RunInstruction : Instruction
{
    public required CommandLine Command { get; init; }

    public IReadOnlyList<Heredoc> Heredocs { get; init; } = [];

    /// <summary>Raw <c>--mount</c> values (CSV <c>key=value</c> fields), in order.</summary>
    public IReadOnlyList<string> Mounts { get; init; } = [];

    /// <summary><c>default</c>, <c>none</c> or <c>host</c>; null when the flag is absent (BuildKit: default).</summary>
    public string? Network { get; init; }

    /// <summary><c>sandbox</c> or <c>insecure</c>; null when the flag is absent (BuildKit: sandbox).</summary>
    public string? Security { get; init; }

    /// <summary>Raw <c>--device</c> values (CDI device requests), in order.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];
}
