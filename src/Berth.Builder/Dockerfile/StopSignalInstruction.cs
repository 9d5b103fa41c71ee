namespace Berth.Builder.Dockerfile;

/// <summary>STOPSIGNAL signal.</summary>
public sealed record StopSignalInstruction : Instruction
{
    public required string Signal { get; init; }
}
