namespace Berth.Templates.Parsing;

/// <summary>A field chain applied to a term that is not dot or a variable, such as (index .A 0).Name.</summary>
internal sealed class ChainNode(int pos, Node target, string[] fields) : Node(pos)
{
    public Node Target { get; } = target;

    public string[] Fields { get; } = fields;

    public override string ToString() =>
        (Target is PipeNode ? "(" + Target + ")" : Target.ToString()) + string.Concat(Fields.Select(f => "." + f));
}
