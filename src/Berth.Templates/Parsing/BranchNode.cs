namespace Berth.Templates.Parsing;

/// <summary>{{if}}, {{with}} or {{range}}: a pipeline, the body, and the else body ("else if" nests a branch).</summary>
internal sealed class BranchNode(int pos, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos)
{
    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override string ToString()
    {
        string name = Kind.ToString().ToLowerInvariant();
        string tail = ElseList is null ? "" : "{{else}}" + ElseList;
        return "{{" + name + " " + Pipe + "}}" + List + tail + "{{end}}";
    }
}
