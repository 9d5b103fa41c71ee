namespace Berth.Builder.Dockerfile;

/// <summary>FROM [--platform=p] image [AS name].</summary>
public sealed record FromInstruction : Instruction
{
    public required string Image { get; init; }

    /// <summary>The stage name lower-cased; null without <c>AS</c>.</summary>
    public string? StageName { get; init; }

    public string? Platform { get; init; }
}
