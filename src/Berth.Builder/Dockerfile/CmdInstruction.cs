namespace Berth.Builder.Dockerfile;

/// <summary>CMD: the default command of the image.</summary>
public sealed record CmdInstruction : Instruction
{
    public required CommandLine Command { get; init; }
}
