namespace Berth.Templates.Parsing;

/// <summary>One pipeline stage: a function, field, variable or literal followed by its arguments.</summary>
internal sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override string ToString() =>
        string.Join(" ", Args.Select(a => a is PipeNode ? "(" + a + ")" : a.ToString()));
}
