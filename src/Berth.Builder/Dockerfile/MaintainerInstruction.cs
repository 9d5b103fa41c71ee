namespace Berth.Builder.Dockerfile;

/// <summary>MAINTAINER (deprecated): sets the image author.</summary>
public sealed record MaintainerInstruction : Instruction
{
    public required string Maintainer { get; init; }
}
