namespace Berth.Templates.Parsing;

/// <summary>Parser-only marker for {{end}} and {{else}} that closes or splits a list.</summary>
internal sealed class DelimiterNode(int pos, int line, bool isElse) : Node(pos)
{
    public int Line { get; } = line;

    public bool IsElse { get; } = isElse;

    public override string ToString() => IsElse ? "{{else}}" : "{{end}}";
}
