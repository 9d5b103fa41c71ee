namespace Berth.Builder.Dockerfile;

/// <summary>
/// One Dockerfile instruction with its fields as written (variables not expanded; see
/// <see cref="InstructionExpander"/>).
/// </summary>
public abstract record Instruction
{
    /// <summary>One-based line the instruction starts on.</summary>
    public required int Line { get; init; }

    /// <summary>One-based last line, heredoc bodies included.</summary>
    public int EndLine { get; init; }

    /// <summary>
    /// The instruction as BuildKit shows it in progress output and history: continuation lines joined without
    /// their escape characters, comment lines dropped, surrounding whitespace trimmed.
    /// </summary>
    public required string Original { get; init; }
}
