namespace Berth.Builder.Planning;

/// <summary>The kinds of <see cref="StageBase"/>.</summary>
public enum StageBaseKind
{
    Scratch,
    Image,
    Stage,
}
