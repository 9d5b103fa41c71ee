namespace Berth.Builder.Dockerfile;

/// <summary>ENTRYPOINT: the entrypoint of the image.</summary>
public sealed record EntrypointInstruction : Instruction
{
    public required CommandLine Command { get; init; }
}
