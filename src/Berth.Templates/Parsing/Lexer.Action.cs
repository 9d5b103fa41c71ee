namespace Berth.Templates.Parsing;

internal sealed partial class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["block"] = TokenKind.Block,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["if"] = TokenKind.If,
        ["range"] = TokenKind.Range,
        ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.Template,
        ["with"] = TokenKind.With,
    };

    private bool LexInsideAction(ref bool inAction)
    {
        var (delim, trim) = AtRightDelim();
        if (delim)
        {
            return _parenDepth == 0 ? LexRightDelim(ref inAction, trim) : Error("unclosed left paren");
        }
        if (AtEnd)
        {
            return Error("unclosed action");
        }
        char c = Peek();
        switch (c)
        {
            case var _ when IsSpace(c):
                return LexSpace();
            case '=':
                Advance();
                Emit(TokenKind.Assign);
                return true;
            case ':':
                Advance();
                if (Peek() != '=')
                {
                    return Error("expected :=");
                }
                Advance();
                Emit(TokenKind.Declare);
                return true;
            case '|':
                Advance();
                Emit(TokenKind.Pipe);
                return true;
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '$':
                return LexFieldOrVariable(TokenKind.Variable);
            case '\'':
                return LexChar();
            case '.' when _pos + 1 < _input.Length && (_input[_pos + 1] < '0' || _input[_pos + 1] > '9'):
                return LexFieldOrVariable(TokenKind.Field);
            case '.' or '+' or '-' or (>= '0' and <= '9'):
                return LexNumber();
            case var _ when IsAlphaNumeric(c):
                return LexIdentifier();
            case '(':
                Advance();
                Emit(TokenKind.LeftParen);
                _parenDepth++;
                return true;
            case ')':
                Advance();
                Emit(TokenKind.RightParen);
                _parenDepth--;
                return _parenDepth >= 0 || Error("unexpected right paren");
            case var _ when c < 0x80 && !char.IsControl(c):
                Advance();
                Emit(TokenKind.Char);
                return true;
            default:
                return Error("unrecognized character in action: " + GoQuote.FormatRune(c));
        }
    }

    private bool LexSpace()
    {
        int numSpaces = 0;
        while (!AtEnd && IsSpace(Peek()))
        {
            Advance();
            numSpaces++;
        }
        // A space followed by "-}}" belongs to the trim marker, not to this space token.
        if (HasRightTrimMarker(_input, _pos - 1) && string.CompareOrdinal(_input, _pos + 1, RightDelim, 0, 2) == 0)
        {
            _pos--;
            if (numSpaces == 1)
            {
                return true;
            }
        }
        Emit(TokenKind.Space);
        return true;
    }

    private bool AtTerminator()
    {
        if (AtEnd)
        {
            return true;
        }
        char c = Peek();
        if (IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(')
        {
            return true;
        }
        return string.CompareOrdinal(_input, _pos, RightDelim, 0, 2) == 0;
    }

    private bool LexIdentifier()
    {
        while (!AtEnd && IsAlphaNumeric(Peek()))
        {
            Advance();
        }
        if (!AtTerminator())
        {
            return Error("bad character " + GoQuote.FormatRune(Peek()));
        }
        string word = _input[_start.._pos];
        if (Keywords.TryGetValue(word, out var kind))
        {
            Emit(kind);
        }
        else
        {
            Emit(word is "true" or "false" ? TokenKind.Bool : TokenKind.Identifier);
        }
        return true;
    }

    private bool LexFieldOrVariable(TokenKind kind)
    {
        Advance();
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }
        while (!AtEnd && IsAlphaNumeric(Peek()))
        {
            Advance();
        }
        if (!AtTerminator())
        {
            return Error("bad character " + GoQuote.FormatRune(Peek()));
        }
        Emit(kind);
        return true;
    }

    private bool LexChar() => LexQuoted('\'', "unterminated character constant", TokenKind.CharConstant);

    private bool LexQuote() => LexQuoted('"', "unterminated quoted string", TokenKind.String);

    // Go's lexChar and lexQuote: a backslash escapes the next character, a newline ends the literal in error.
    private bool LexQuoted(char quote, string unterminated, TokenKind kind)
    {
        Advance();
        while (true)
        {
            char c = AtEnd ? '\n' : Peek();
            Advance();
            if (c == '\\' && !AtEnd && Peek() != '\n')
            {
                Advance();
                continue;
            }
            if (c == '\n')
            {
                return Error(unterminated);
            }
            if (c == quote)
            {
                break;
            }
        }
        Emit(kind);
        return true;
    }

    private bool LexRawQuote()
    {
        Advance();
        int x = _input.IndexOf('`', _pos);
        if (x < 0)
        {
            return Error("unterminated raw quoted string");
        }
        Advance(x + 1 - _pos);
        Emit(TokenKind.RawString);
        return true;
    }

    private bool LexNumber()
    {
        if (Peek() is '+' or '-')
        {
            Advance();
        }
        string digits = "0123456789_";
        if (Peek() == '0' && _pos + 1 < _input.Length && "xXoObB".Contains(_input[_pos + 1]))
        {
            Advance();
            char b = char.ToLowerInvariant(Peek());
            Advance();
            digits = b == 'x' ? "0123456789abcdefABCDEF_" : b == 'o' ? "01234567_" : "01_";
        }
        AcceptRun(digits);
        if (Peek() == '.')
        {
            Advance();
            AcceptRun(digits);
        }
        if (digits.Length == 11 && Peek() is 'e' or 'E')
        {
            Advance();
            if (Peek() is '+' or '-')
            {
                Advance();
            }
            AcceptRun("0123456789_");
        }
        if (!AtEnd && IsAlphaNumeric(Peek()))
        {
            Advance();
            return Error("bad number syntax: " + GoQuote.Quote(_input[_start.._pos]));
        }
        Emit(TokenKind.Number);
        return true;
    }

    private void AcceptRun(string valid)
    {
        while (!AtEnd && valid.Contains(Peek(), StringComparison.Ordinal))
        {
            Advance();
        }
    }
}
