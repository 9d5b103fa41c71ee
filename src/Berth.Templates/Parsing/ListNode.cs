namespace Berth.Templates.Parsing;

/// <summary>A sequence of nodes: the body of a template or of a control structure.</summary>
internal sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    public override string ToString() => string.Concat(Nodes.Select(n => n.ToString()));
}
