namespace Berth.Templates.Parsing;

/// <summary>The untyped nil constant.</summary>
internal sealed class NilNode(int pos) : Node(pos)
{
    public override string ToString() => "nil";
}
