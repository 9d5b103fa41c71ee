namespace Berth.Builder.Planning;

/// <summary>What a stage starts from: nothing (<c>scratch</c>), an image reference, or an earlier stage.</summary>
public sealed record StageBase(StageBaseKind Kind, string? Image = null, int? Stage = null)
{
    public static StageBase Scratch { get; } = new(StageBaseKind.Scratch);
}
