namespace Berth.Builder.Dockerfile;

/// <summary>WORKDIR path.</summary>
public sealed record WorkdirInstruction : Instruction
{
    public required string Path { get; init; }
}
