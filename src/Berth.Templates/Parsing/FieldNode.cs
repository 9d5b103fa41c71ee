namespace Berth.Templates.Parsing;

/// <summary>A field chain on dot, such as .Config.Labels (identifiers without the dots).</summary>
internal sealed class FieldNode(int pos, string[] idents) : Node(pos)
{
    public string[] Idents { get; } = idents;

    public override string ToString() => string.Concat(Idents.Select(i => "." + i));
}
