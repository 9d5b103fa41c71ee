namespace Berth.Templates.Parsing;

/// <summary>
/// Recursive-descent parser following Go's text/template/parse: it checks that functions exist and that
/// variables are declared, and reports errors as "template: NAME:LINE: message".
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly string _name;
    private readonly string _text;
    private readonly Func<string, bool> _hasFunction;
    private readonly List<string> _vars = ["$"];
    private readonly Dictionary<string, ListNode> _definitions = new(StringComparer.Ordinal);
    private int _index;
    private int _rangeDepth;
    private Token _last;

    private Parser(string name, string text, Func<string, bool> hasFunction)
    {
        _name = name;
        _text = text;
        _hasFunction = hasFunction;
        _tokens = Lexer.Tokenize(text);
        _last = new Token(TokenKind.Eof, "", 0, 1);
    }

    public static ParsedTemplate Parse(string name, string text, Func<string, bool> hasFunction)
    {
        var parser = new Parser(name, text, hasFunction);
        var root = parser.ParseRoot();
        return new ParsedTemplate(name, text, root, parser._definitions);
    }

    private Token Next()
    {
        _last = _index < _tokens.Count ? _tokens[_index] : _tokens[^1];
        if (_index < _tokens.Count)
        {
            _index++;
        }
        return _last;
    }

    private void Backup(int n = 1) => _index -= n;

    private Token Peek() => _index < _tokens.Count ? _tokens[_index] : _tokens[^1];

    private Token NextNonSpace()
    {
        Token t;
        do
        {
            t = Next();
        }
        while (t.Kind == TokenKind.Space);
        return t;
    }

    private Token PeekNonSpace()
    {
        var t = NextNonSpace();
        Backup();
        return t;
    }

    private TemplateException Error(string message) =>
        new($"template: {_name}:{_last.Line}: {message}");

    private TemplateException Unexpected(Token token, string context) =>
        token.Kind == TokenKind.Error ? Error(token.ToString()) : Error($"unexpected {token} in {context}");

    private Token Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }
        return token;
    }

    private ListNode ParseRoot()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                BackupToDelim();
            }
            var node = TextOrAction();
            if (node is DelimiterNode)
            {
                throw Error($"unexpected {node}");
            }
            root.Nodes.Add(node);
        }
        return root;
    }

    private void BackupToDelim()
    {
        do
        {
            Backup();
        }
        while (_tokens[_index].Kind != TokenKind.LeftDelim);
    }

    private void ParseDefinition()
    {
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            throw Unexpected(nameToken, "define clause");
        }
        string name = Unquote(nameToken);
        Expect(TokenKind.RightDelim, "define clause");
        var (list, end) = ItemList();
        if (end is DelimiterNode { IsElse: true })
        {
            throw Error($"unexpected {end} in define clause");
        }
        _definitions[name] = list;
    }

    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is DelimiterNode)
            {
                return (list, node);
            }
            list.Nodes.Add(node);
        }
        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        return token.Kind switch
        {
            TokenKind.Text => new TextNode(token.Pos, token.Value),
            TokenKind.LeftDelim => Action(),
            _ => throw Unexpected(token, "input"),
        };
    }

    private string Unquote(Token token) =>
        GoQuote.Unquote(token.Value) ?? throw Error("invalid syntax");
}
