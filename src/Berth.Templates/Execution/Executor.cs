using System.Text;
using System.Text.Json.Nodes;
using Berth.Templates.Parsing;

namespace Berth.Templates.Execution;

/// <summary>
/// Walks a parsed template over JSON data the way Go's text/template exec does: variables live on a stack
/// that control structures mark and pop, and errors carry Go's "NAME:LINE:COL: executing ..." location.
/// </summary>
internal sealed partial class Executor
{
    private const int MaxDepth = 1000;
    private readonly ParsedTemplate _template;
    private readonly FunctionTable _functions;
    private readonly TemplateOptions _options;
    private readonly TextWriter _out;
    private readonly List<(string Name, object? Value)> _vars = [];
    private Node? _at;
    private int _depth;

    public Executor(ParsedTemplate template, FunctionTable functions, TemplateOptions options, TextWriter output)
    {
        _template = template;
        _functions = functions;
        _options = options;
        _out = output;
    }

    public void Run(JsonNode? data)
    {
        // Go's Execute(w, nil) has an invalid dot: fields of it are missing, not errors.
        object? dot = data is null ? Missing.Value : GoValues.FromNode(data);
        _vars.Add(("$", dot));
        Walk(dot, _template.Root);
    }

    private Flow Walk(object? dot, Node node)
    {
        _at = node;
        switch (node)
        {
            case TextNode text:
                _out.Write(text.Text);
                return Flow.Normal;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    _out.Write(value is Missing ? "<no value>" : GoFmt.FormatV(value));
                }
                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case LoopControlNode loop:
                return loop.IsBreak ? Flow.Break : Flow.Continue;
            case TemplateNode call:
                WalkTemplate(dot, call);
                return Flow.Normal;
            default:
                throw Error("unknown node: " + node);
        }
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        int mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }
            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        int outer = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            int mark = _vars.Count;
            var items = RangeItems(value, range);
            if (items.Count == 0)
            {
                return range.ElseList is null ? Flow.Normal : Walk(dot, range.ElseList);
            }
            foreach (var (key, elem) in items)
            {
                // Declared variables were pushed by the pipeline; each iteration overwrites them.
                if (range.Pipe.Decl.Count > 0)
                {
                    SetVar(range.Pipe.Decl[^1].Name, elem, range.Pipe.IsAssign, top: 1);
                }
                if (range.Pipe.Decl.Count > 1)
                {
                    SetVar(range.Pipe.Decl[0].Name, key, range.Pipe.IsAssign, top: 2);
                }
                var flow = Walk(elem, range.List);
                Pop(mark);
                if (flow == Flow.Break)
                {
                    break;
                }
            }
            return Flow.Normal;
        }
        finally
        {
            Pop(outer);
        }
    }

    private List<(object? Key, object? Elem)> RangeItems(object? value, BranchNode range)
    {
        switch (value)
        {
            case JsonArray or object?[]:
                return GoValues.AsList(value).Select((e, i) => ((object?)(long)i, e)).ToList();
            case JsonObject o:
                return GoValues.SortedEntries(o).Select(kv => ((object?)kv.Key, kv.Value)).ToList();
            case long n:
                if (range.Pipe.Decl.Count > 1)
                {
                    throw Error($"can't use {n} to iterate over more than one variable");
                }
                return Enumerable.Range(0, (int)Math.Clamp(n, 0, int.MaxValue)).Select(i => ((object?)(long)i, (object?)(long)i)).ToList();
            case null or Missing:
                return [];
            default:
                throw Error("range can't iterate over " + GoFmt.FormatV(value));
        }
    }

    private void WalkTemplate(object? dot, TemplateNode call)
    {
        if (!_template.Definitions.TryGetValue(call.Name, out var body))
        {
            throw Error($"template {GoQuote.Quote(call.Name)} not defined");
        }
        if (++_depth > MaxDepth)
        {
            throw Error($"exceeded maximum template depth ({MaxDepth})");
        }
        var newDot = call.Pipe is null ? Missing.Value : EvalPipeline(dot, call.Pipe);
        var saved = _vars.ToArray();
        _vars.Clear();
        _vars.Add(("$", newDot));
        Walk(newDot, body);
        _vars.Clear();
        _vars.AddRange(saved);
        _depth--;
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void SetVar(string name, object? value, bool assign, int top)
    {
        if (!assign)
        {
            _vars[^top] = (name, value);
            return;
        }
        int i = _vars.FindLastIndex(v => v.Name == name);
        _vars[i] = (name, value);
    }

    private object? VarValue(string name)
    {
        int i = _vars.FindLastIndex(v => v.Name == name);
        return i >= 0 ? _vars[i].Value : throw Error($"undefined variable: {name}");
    }

    /// <summary>Go's state.errorf: "template: NAME:LINE:COL: executing "NAME" at &lt;NODE&gt;: message".</summary>
    private TemplateException Error(string message)
    {
        string name = _template.Name;
        if (_at is null)
        {
            return new TemplateException($"template: {name}: {message}");
        }
        string text = _template.Text;
        int pos = Math.Min(_at.Pos, text.Length);
        int lineStart = text.LastIndexOf('\n', Math.Max(pos - 1, 0)) + 1;
        if (pos == 0)
        {
            lineStart = 0;
        }
        int line = 1 + text.AsSpan(0, pos).Count('\n');
        int col = Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, pos - lineStart));
        return new TemplateException(
            $"template: {name}:{line}:{col}: executing {GoQuote.Quote(name)} at <{_at}>: {message}");
    }
}
