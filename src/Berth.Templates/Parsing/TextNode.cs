namespace Berth.Templates.Parsing;

/// <summary>Plain text copied to the output unchanged.</summary>
internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override string ToString() => Text;
}
