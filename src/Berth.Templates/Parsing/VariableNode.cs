namespace Berth.Templates.Parsing;

/// <summary>A variable with an optional field chain: Idents[0] is the name with its '$' ("$x", or "$").</summary>
internal sealed class VariableNode(int pos, string[] idents) : Node(pos)
{
    public string[] Idents { get; } = idents;

    public string Name => Idents[0];

    public override string ToString() => string.Join(".", Idents);
}
