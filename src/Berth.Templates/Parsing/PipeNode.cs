namespace Berth.Templates.Parsing;

/// <summary>A pipeline: optional variable declarations (or assignments) and commands separated by '|'.</summary>
internal sealed class PipeNode(int pos, int line) : Node(pos)
{
    public int Line { get; } = line;

    public bool IsAssign { get; set; }

    public List<VariableNode> Decl { get; } = [];

    public List<CommandNode> Cmds { get; } = [];

    public override string ToString()
    {
        string decl = Decl.Count == 0 ? "" : string.Join(", ", Decl) + (IsAssign ? " = " : " := ");
        return decl + string.Join(" | ", Cmds);
    }
}
