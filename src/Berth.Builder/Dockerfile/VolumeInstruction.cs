namespace Berth.Builder.Dockerfile;

/// <summary>VOLUME in JSON or whitespace-separated form.</summary>
public sealed record VolumeInstruction : Instruction
{
    public required IReadOnlyList<string> Paths { get; init; }
}
