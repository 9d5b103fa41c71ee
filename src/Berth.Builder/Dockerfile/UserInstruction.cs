namespace Berth.Builder.Dockerfile;

/// <summary>USER user[:group].</summary>
public sealed record UserInstruction : Instruction
{
    public required string User { get; init; }
}
