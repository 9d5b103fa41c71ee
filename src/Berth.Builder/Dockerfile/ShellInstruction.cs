namespace Berth.Builder.Dockerfile;

/// <summary>SHELL ["executable", "args"...]; only the JSON form is accepted.</summary>
public sealed record ShellInstruction : Instruction
{
    public required IReadOnlyList<string> Shell { get; init; }
}
