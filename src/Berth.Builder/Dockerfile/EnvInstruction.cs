namespace Berth.Builder.Dockerfile;

/// <summary>ENV in the <c>k=v ...</c> or legacy <c>k v</c> form; keys and values raw.</summary>
public sealed record EnvInstruction : Instruction
{
    public required IReadOnlyList<KeyValuePair<string, string>> Pairs { get; init; }
}
