namespace Berth.Builder.Dockerfile;

/// <summary>ONBUILD trigger: the instruction text after the keyword (heredoc bodies appended as BuildKit does).</summary>
public sealed record OnbuildInstruction : Instruction
{
    public required string Expression { get; init; }
}
