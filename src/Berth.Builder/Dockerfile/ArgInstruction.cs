namespace Berth.Builder.Dockerfile;

/// <summary>ARG with one or more names.</summary>
public sealed record ArgInstruction : Instruction
{
    public required IReadOnlyList<ArgDeclaration> Args { get; init; }
}
