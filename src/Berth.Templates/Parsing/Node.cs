namespace Berth.Templates.Parsing;

/// <summary>A parse tree node; <see cref="Pos"/> is its offset in the template text, used by error locations.</summary>
internal abstract class Node(int pos)
{
    public int Pos { get; } = pos;

    /// <summary>Go's Node.String(): the source-like text shown in "executing ... at &lt;...&gt;" errors.</summary>
    public abstract override string ToString();
}
