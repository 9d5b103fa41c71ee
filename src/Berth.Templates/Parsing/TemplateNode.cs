namespace Berth.Templates.Parsing;

/// <summary>{{template "name" pipeline}}: runs an associated template with the pipeline's value as dot.</summary>
internal sealed class TemplateNode(int pos, int line, string name, PipeNode? pipe) : Node(pos)
{
    public int Line { get; } = line;

    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() =>
        "{{template " + GoQuote.Quote(Name) + (Pipe is null ? "" : " " + Pipe) + "}}";
}
