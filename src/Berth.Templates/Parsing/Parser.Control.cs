namespace Berth.Templates.Parsing;

internal sealed partial class Parser
{
    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block: return BlockControl();
            case TokenKind.Break or TokenKind.Continue: return LoopControl(token);
            case TokenKind.Else: return ElseControl(token);
            case TokenKind.End:
                Expect(TokenKind.RightDelim, "end");
                return new DelimiterNode(token.Pos, token.Line, isElse: false);
            case TokenKind.If: return Branch(BranchKind.If, token);
            case TokenKind.Range: return Branch(BranchKind.Range, token);
            case TokenKind.With: return Branch(BranchKind.With, token);
            case TokenKind.Template: return TemplateControl();
        }
        Backup();
        var start = Peek();
        return new ActionNode(start.Pos, start.Line, Pipeline("command", TokenKind.RightDelim));
    }

    private Node LoopControl(Token token)
    {
        string name = token.Kind == TokenKind.Break ? "{{break}}" : "{{continue}}";
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(next, name);
        }
        if (_rangeDepth == 0)
        {
            throw Error($"{name} outside {{{{range}}}}");
        }
        return new LoopControlNode(token.Pos, token.Kind == TokenKind.Break);
    }

    private Node ElseControl(Token token)
    {
        // "else if" and "else with" chain into a nested branch that shares this branch's {{end}}.
        var peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With)
        {
            return new DelimiterNode(peek.Pos, token.Line, isElse: true);
        }
        Expect(TokenKind.RightDelim, "else");
        return new DelimiterNode(token.Pos, token.Line, isElse: true);
    }

    private BranchNode Branch(BranchKind kind, Token keyword)
    {
        int varCount = _vars.Count;
        string context = kind.ToString().ToLowerInvariant();
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind == BranchKind.Range)
        {
            _rangeDepth++;
        }
        var (list, next) = ItemList();
        if (kind == BranchKind.Range)
        {
            _rangeDepth--;
        }
        ListNode? elseList = null;
        if (next is DelimiterNode { IsElse: true })
        {
            var peek = PeekNonSpace();
            if (kind != BranchKind.Range && peek.Kind == (kind == BranchKind.If ? TokenKind.If : TokenKind.With))
            {
                // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} with a single shared {{end}}.
                elseList = new ListNode(peek.Pos);
                var nestedKeyword = NextNonSpace();
                elseList.Nodes.Add(Branch(kind, nestedKeyword));
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is DelimiterNode { IsElse: true })
                {
                    throw Error("expected end; found {{else}}");
                }
            }
        }
        _vars.RemoveRange(varCount, _vars.Count - varCount);
        return new BranchNode(keyword.Pos, kind, pipe, list, elseList);
    }

    private TemplateNode TemplateControl()
    {
        const string context = "template clause";
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            throw Unexpected(nameToken, context);
        }
        string name = Unquote(nameToken);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }
        return new TemplateNode(nameToken.Pos, nameToken.Line, name, pipe);
    }

    private TemplateNode BlockControl()
    {
        const string context = "block clause";
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            throw Unexpected(nameToken, context);
        }
        string name = Unquote(nameToken);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        var (list, end) = ItemList();
        if (end is DelimiterNode { IsElse: true })
        {
            throw Error($"unexpected {end} in {context}");
        }
        _definitions[name] = list;
        return new TemplateNode(nameToken.Pos, nameToken.Line, name, pipe);
    }
}
