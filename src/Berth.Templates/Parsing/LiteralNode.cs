namespace Berth.Templates.Parsing;

/// <summary>
/// A bool, number, character or string constant: <see cref="Text"/> is the source spelling, <see cref="Value"/>
/// the value (bool, long, double or string). <see cref="IsInt"/> says an integer parameter may take it.
/// </summary>
internal sealed class LiteralNode(int pos, string text, object value, bool isInt) : Node(pos)
{
    public string Text { get; } = text;

    public object Value { get; } = value;

    public bool IsInt { get; } = isInt;

    public long IntValue { get; init; }

    public override string ToString() => Text;
}
