namespace Berth.Templates.Parsing;

/// <summary>The cursor, '.'.</summary>
internal sealed class DotNode(int pos) : Node(pos)
{
    public override string ToString() => ".";
}
