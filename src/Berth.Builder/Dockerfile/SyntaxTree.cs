using System.Text;
using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// BuildKit's line parser (parser/parser.go): parser directives, continuation lines, comment and empty lines
/// inside continuations, the per-keyword argument rules and heredoc bodies. Produces one
/// <see cref="SyntaxNode"/> per instruction; typing the instructions is <see cref="InstructionFactory"/>'s job.
/// </summary>
internal sealed partial class SyntaxTree
{
    private static readonly string[] HeredocKeywords = ["add", "copy", "run"];

    private readonly List<string> _lines;
    private readonly DirectiveReader _directives = new();
    private int _next;

    private SyntaxTree(string text)
    {
        _lines = SplitLines(text);
    }

    public List<SyntaxNode> Nodes { get; } = [];

    /// <summary>For each instruction that had empty continuation lines, the line it ends on.</summary>
    public List<int> EmptyContinuationLines { get; } = [];

    public ParserDirectives Directives => _directives.Result;

    private char Escape => _directives.Result.Escape;

    public static SyntaxTree Parse(string text)
    {
        var tree = new SyntaxTree(text);
        tree.Run();
        return tree;
    }

    private void Run()
    {
        var currentLine = 0;
        while (TryScan(out var raw))
        {
            if (currentLine == 0 && raw.StartsWith('\uFEFF')) raw = raw[1..];
            var processed = ProcessLine(raw, stripLeftWhitespace: true);
            currentLine++;
            var startLine = currentLine;
            var (text, isEndOfLine) = TrimContinuation(processed);
            if (isEndOfLine && text.Length == 0) continue;

            var buf = new StringBuilder(text);
            var hasEmptyContinuationLine = false;
            while (!isEndOfLine && TryScan(out var more))
            {
                var continued = ProcessLine(more, stripLeftWhitespace: false);
                currentLine++;
                // Comment lines inside a continuation vanish; empty ones too, with a warning.
                if (IsComment(more)) continue;
                if (continued.Trim().Length == 0)
                {
                    hasEmptyContinuationLine = true;
                    continue;
                }
                (continued, isEndOfLine) = TrimContinuation(continued);
                buf.Append(continued);
            }

            var line = buf.ToString();
            if (hasEmptyContinuationLine) EmptyContinuationLines.Add(currentLine);

            var node = NewNode(line);
            if (CanContainHeredoc(node) && line.Contains("<<", StringComparison.Ordinal))
            {
                foreach (var heredoc in HeredocsFromLine(line))
                    node.Heredocs.Add(ReadHeredocBody(heredoc, ref currentLine));
            }
            node.StartLine = startLine;
            node.EndLine = currentLine;
            Nodes.Add(node);
        }
        if (Nodes.Count == 0) throw BerthException.Invalid("file with no instructions");
    }

    private ParsedHeredoc ReadHeredocBody(ParsedHeredoc heredoc, ref int currentLine)
    {
        var content = new StringBuilder(heredoc.Content);
        while (TryScan(out var raw))
        {
            currentLine++;
            var candidate = raw.TrimEnd('\r', '\n');
            if (heredoc.Chomp) candidate = candidate.TrimStart('\t');
            if (candidate == heredoc.Name) return heredoc with { Content = content.ToString() };
            content.Append(raw);
        }
        throw BerthException.Invalid("unterminated heredoc");
    }

    private SyntaxNode NewNode(string line)
    {
        var (command, flags, rest) = CommandSplitter.Split(line, Escape);
        var keyword = command.ToLowerInvariant();
        if (keyword == "onbuild")
        {
            var trigger = rest.Length == 0 ? null : NewNode(rest);
            return new SyntaxNode
            {
                Command = command,
                Original = line,
                Flags = flags,
                Trigger = trigger,
                Args = trigger is null ? [] : [trigger.Command, .. trigger.Args],
            };
        }
        var parsed = LineArguments.ForKeyword(keyword, rest, Escape);
        return new SyntaxNode { Command = command, Original = line, Flags = flags, Args = parsed.Args, Json = parsed.Json };
    }

    private static bool CanContainHeredoc(SyntaxNode node)
    {
        if (node.Command.Equals("onbuild", StringComparison.OrdinalIgnoreCase) && node.Trigger is not null) node = node.Trigger;
        return HeredocKeywords.Contains(node.Command.ToLowerInvariant()) && !node.Json;
    }

    private string ProcessLine(string raw, bool stripLeftWhitespace)
    {
        var token = raw.TrimEnd('\r', '\n');
        if (stripLeftWhitespace) token = token.TrimStart();
        _directives.ReadLine(token);
        return IsComment(token) ? "" : token;
    }

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '#';
    }

    // BuildKit's `([^\e])\e[ \t]*$|^\e[ \t]*$`: a final escape character (trailing blanks allowed) continues the
    // line unless it is itself escaped.
    private (string Text, bool IsEndOfLine) TrimContinuation(string line)
    {
        var trimmed = line.TrimEnd(' ', '\t');
        if (trimmed.Length == 0 || trimmed[^1] != Escape) return (line, true);
        if (trimmed.Length == 1) return ("", false);
        return trimmed[^2] == Escape ? (line, true) : (trimmed[..^1], false);
    }

    private bool TryScan(out string line)
    {
        if (_next >= _lines.Count)
        {
            line = "";
            return false;
        }
        line = _lines[_next++];
        return true;
    }

    // Lines keep their endings, as BuildKit's scanner does, so heredoc bodies keep them too.
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    [GeneratedRegex(@"\A([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)\z")]
    private static partial Regex HeredocRegex();
}
