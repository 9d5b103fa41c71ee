namespace Berth.Builder.Dockerfile;

/// <summary>One FROM and the instructions up to the next FROM.</summary>
public sealed record BuildStage
{
    /// <summary>Zero-based position among the stages; <c>COPY --from=N</c> refers to it.</summary>
    public required int Index { get; init; }

    /// <summary>The <c>AS name</c>, lower-cased as BuildKit stores it; null for an unnamed stage.</summary>
    public string? Name { get; init; }

    public required FromInstruction From { get; init; }

    public required IReadOnlyList<Instruction> Instructions { get; init; }
}
