namespace Berth.Templates.Parsing;

/// <summary>
/// Splits template text into tokens the way Go's text/template/parse lexer does, including the
/// trim markers ("{{- " and " -}}") that swallow the white space next to an action, and comments.
/// Positions are offsets into the C# string; errors convert them to Go's byte columns.
/// </summary>
internal sealed partial class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _start;
    private int _line = 1;
    private int _startLine = 1;
    private int _parenDepth;

    private Lexer(string input) => _input = input;

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        bool inAction = false;
        while (true)
        {
            bool ok = inAction ? LexInsideAction(ref inAction) : LexText(ref inAction);
            if (!ok)
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _input.Length ? _input[_pos] : '\0';

    private bool AtEnd => _pos >= _input.Length;

    private void Advance(int n = 1)
    {
        for (int i = 0; i < n && _pos < _input.Length; i++)
        {
            if (_input[_pos++] == '\n')
            {
                _line++;
            }
        }
    }

    private void Emit(TokenKind kind)
    {
        _tokens.Add(new Token(kind, _input[_start.._pos], _start, _startLine));
        Ignore();
    }

    private void Ignore()
    {
        _start = _pos;
        _startLine = _line;
    }

    private bool Error(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, message, _start, _startLine));
        return false;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static bool HasLeftTrimMarker(string s, int at) =>
        s.Length - at >= 2 && s[at] == '-' && IsSpace(s[at + 1]);

    private static bool HasRightTrimMarker(string s, int at) =>
        s.Length - at >= 2 && IsSpace(s[at]) && s[at + 1] == '-';

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_input, _pos) && string.CompareOrdinal(_input, _pos + 2, RightDelim, 0, 2) == 0)
        {
            return (true, true);
        }
        return (string.CompareOrdinal(_input, _pos, RightDelim, 0, 2) == 0, false);
    }

    private bool LexText(ref bool inAction)
    {
        int x = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            Advance(_input.Length - _pos);
            if (_pos > _start)
            {
                Emit(TokenKind.Text);
            }
            Emit(TokenKind.Eof);
            return false;
        }
        int textEnd = x;
        if (HasLeftTrimMarker(_input, x + 2))
        {
            while (textEnd > _start && IsSpace(_input[textEnd - 1]))
            {
                textEnd--;
            }
        }
        Advance(textEnd - _pos);
        if (_pos > _start)
        {
            Emit(TokenKind.Text);
        }
        Advance(x - _pos);
        Ignore();
        return LexLeftDelim(ref inAction);
    }

    private bool LexLeftDelim(ref bool inAction)
    {
        Advance(2);
        bool trim = HasLeftTrimMarker(_input, _pos);
        int afterMarker = trim ? 2 : 0;
        if (string.CompareOrdinal(_input, _pos + afterMarker, "/*", 0, 2) == 0)
        {
            Advance(afterMarker);
            Ignore();
            return LexComment();
        }
        _tokens.Add(new Token(TokenKind.LeftDelim, LeftDelim, _start, _startLine));
        Advance(afterMarker);
        Ignore();
        _parenDepth = 0;
        inAction = true;
        return true;
    }

    private bool LexComment()
    {
        Advance(2);
        int x = _input.IndexOf("*/", _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            return Error("unclosed comment");
        }
        Advance(x + 2 - _pos);
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }
        Ignore();
        Advance(trim ? 4 : 2);
        Ignore();
        if (trim)
        {
            SkipLeadingSpace();
        }
        return true;
    }

    private void SkipLeadingSpace()
    {
        while (!AtEnd && IsSpace(Peek()))
        {
            Advance();
        }
        Ignore();
    }

    private bool LexRightDelim(ref bool inAction, bool trim)
    {
        if (trim)
        {
            Advance(2);
            Ignore();
        }
        Advance(2);
        Emit(TokenKind.RightDelim);
        if (trim)
        {
            SkipLeadingSpace();
        }
        inAction = false;
        return true;
    }
}
