namespace Berth.Templates.Parsing;

/// <summary>A non-control action such as {{.Field}}: its pipeline's value is printed unless it declares variables.</summary>
internal sealed class ActionNode(int pos, int line, PipeNode pipe) : Node(pos)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}
