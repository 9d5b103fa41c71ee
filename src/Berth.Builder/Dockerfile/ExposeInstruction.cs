namespace Berth.Builder.Dockerfile;

/// <summary>EXPOSE; ports raw and sorted as BuildKit sorts them (ordinal, before expansion).</summary>
public sealed record ExposeInstruction : Instruction
{
    public required IReadOnlyList<string> Ports { get; init; }
}
