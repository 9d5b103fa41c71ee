using System.Globalization;

namespace Berth.Templates.Parsing;

internal sealed partial class Parser
{
    private PipeNode Pipeline(string context, TokenKind end)
    {
        var start = PeekNonSpace();
        var pipe = new PipeNode(start.Pos, start.Line);
        ParseDeclarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field
                    or TokenKind.Identifier or TokenKind.Number or TokenKind.Nil or TokenKind.RawString
                    or TokenKind.String or TokenKind.Variable or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    private void ParseDeclarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace() is { Kind: TokenKind.Variable } v)
        {
            int mark = _index;
            NextNonSpace();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                if (pipe.IsAssign && !_vars.Contains(v.Value))
                {
                    throw Error($"undefined variable {GoQuote.Quote(v.Value)}");
                }
                pipe.Decl.Add(new VariableNode(v.Pos, [v.Value]));
                _vars.Add(v.Value);
                return;
            }
            if (next is { Kind: TokenKind.Char, Value: "," })
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, [v.Value]));
                _vars.Add(v.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }
                    throw Error("range can only initialize variables");
                }
                throw Error($"too many declarations in {context}");
            }
            _index = mark;
            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error($"missing value for {context}");
        }
        for (int i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is LiteralNode or DotNode or NilNode)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }
            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }
            break;
        }
        return cmd.Args.Count == 0 ? throw Error("empty command") : cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }
        // Go positions a chain at its first trailing field: {{.State.Health}} reports column 8.
        int chainPos = Peek().Pos;
        var fields = new List<string>();
        while (Peek().Kind == TokenKind.Field)
        {
            fields.Add(Next().Value[1..]);
        }
        return node switch
        {
            FieldNode f => new FieldNode(chainPos, [.. f.Idents, .. fields]),
            VariableNode v => new VariableNode(chainPos, [.. v.Idents, .. fields]),
            LiteralNode or NilNode or DotNode => throw Error($"unexpected . after term {GoQuote.Quote(node.ToString())}"),
            _ => new ChainNode(chainPos, node, [.. fields]),
        };
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                return _hasFunction(token.Value)
                    ? new IdentifierNode(token.Pos, token.Value)
                    : throw Error($"function {GoQuote.Quote(token.Value)} not defined");
            case TokenKind.Dot:
                return new DotNode(token.Pos);
            case TokenKind.Nil:
                return new NilNode(token.Pos);
            case TokenKind.Variable:
                return _vars.Contains(token.Value)
                    ? new VariableNode(token.Pos, [token.Value])
                    : throw Error($"undefined variable {GoQuote.Quote(token.Value)}");
            case TokenKind.Field:
                return new FieldNode(token.Pos, [token.Value[1..]]);
            case TokenKind.Bool:
                return new LiteralNode(token.Pos, token.Value, token.Value == "true", isInt: false);
            case TokenKind.CharConstant:
                string ch = Unquote(token);
                int rune = char.ConvertToUtf32(ch, 0);
                return new LiteralNode(token.Pos, token.Value, (long)rune, isInt: true) { IntValue = rune };
            case TokenKind.Number:
                return Number(token);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                return new LiteralNode(token.Pos, token.Value, Unquote(token), isInt: false);
        }
        Backup();
        return null;
    }

    private LiteralNode Number(Token token)
    {
        string text = token.Value;
        if (TryParseInt(text, out long i))
        {
            return new LiteralNode(token.Pos, text, i, isInt: true) { IntValue = i };
        }
        bool hex = text.TrimStart('+', '-').StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!hex && double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float,
                CultureInfo.InvariantCulture, out double d) && !double.IsInfinity(d))
        {
            bool integral = d == Math.Floor(d) && Math.Abs(d) < 9.2e18;
            return new LiteralNode(token.Pos, text, d, integral) { IntValue = integral ? (long)d : 0 };
        }
        throw Error($"illegal number syntax: {GoQuote.Quote(text)}");
    }

    private static bool TryParseInt(string text, out long value)
    {
        value = 0;
        bool negative = text.StartsWith('-');
        string s = text.TrimStart('+', '-').Replace("_", "", StringComparison.Ordinal);
        int radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            (radix, s) = char.ToLowerInvariant(s[1]) switch
            {
                'x' => (16, s[2..]),
                'o' => (8, s[2..]),
                'b' => (2, s[2..]),
                _ => (8, s[1..]),
            };
        }
        if (s.Length == 0)
        {
            return false;
        }
        UInt128 acc = 0;
        foreach (char c in s)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }
            acc = acc * (uint)radix + (uint)digit;
            if (acc > (UInt128)long.MaxValue + 1)
            {
                return false;
            }
        }
        if (!negative && acc > long.MaxValue)
        {
            return false;
        }
        value = negative ? (long)(0 - acc) : (long)acc;
        return true;
    }
}
