namespace Berth.Builder.Dockerfile;

/// <summary>
/// One instruction as BuildKit's line parser leaves it (its parser.Node): the keyword as written, the
/// <c>--flags</c> in front of the arguments, the arguments split by that keyword's rule, and attached heredocs.
/// </summary>
internal sealed class SyntaxNode
{
    public required string Command { get; init; }

    public required string Original { get; init; }

    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// Arguments after the keyword's rule: JSON words, whitespace-separated words, one string, or for ENV and
    /// LABEL key/value/separator triples. For ONBUILD the trigger's keyword followed by its arguments.
    /// </summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>True when the arguments were a JSON array (exec form).</summary>
    public bool Json { get; init; }

    /// <summary>ONBUILD's trigger instruction.</summary>
    public SyntaxNode? Trigger { get; init; }

    public List<ParsedHeredoc> Heredocs { get; } = [];

    public int StartLine { get; set; }

    public int EndLine { get; set; }
}
