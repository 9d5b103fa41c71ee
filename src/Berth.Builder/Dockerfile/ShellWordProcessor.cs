using System.Text;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// One run of <see cref="ShellLexer"/> over one input: a cursor plus BuildKit's shellWord state machine. The
/// methods mirror BuildKit's processStopOn / processSingleQuote / processDoubleQuote / processDollar so that
/// edge cases (escapes at the end, raw escapes in patterns, error precedence) come out the same.
/// </summary>
internal sealed partial class ShellWordProcessor
{
    public const int Eof = -1;

    private readonly ShellLexer _lexer;
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly ISet<string>? _usedNames;
    private int _pos;
    private bool _rawEscapes;

    public ShellWordProcessor(ShellLexer lexer, string text, IReadOnlyDictionary<string, string> env, ISet<string>? usedNames)
    {
        _lexer = lexer;
        _text = text;
        _env = env;
        _usedNames = usedNames;
        _rawEscapes = lexer.RawEscapes;
    }

    private int Peek() => _pos < _text.Length ? _text[_pos] : Eof;

    private int Next() => _pos < _text.Length ? _text[_pos++] : Eof;

    /// <summary>Processes up to <paramref name="stopChar"/> (consumed) or the end; returns the text and its words.</summary>
    public (string Result, List<string> Words) ProcessStopOn(int stopChar, bool rawEscapes)
    {
        var result = new StringBuilder();
        var words = new WordSplitter();
        var saved = _rawEscapes;
        _rawEscapes = rawEscapes;
        try
        {
            while (Peek() != Eof)
            {
                var ch = Peek();
                if (stopChar != Eof && ch == stopChar)
                {
                    Next();
                    return (result.ToString(), words.Finish());
                }
                if (ch == '$' || ch == '<' || (!_lexer.SkipProcessQuotes && ch is '\'' or '"'))
                {
                    var part = ch switch
                    {
                        '$' => ProcessDollar(),
                        '<' => ProcessPossibleHeredoc(),
                        '\'' => ProcessSingleQuote(),
                        _ => ProcessDoubleQuote(),
                    };
                    result.Append(part);
                    // An expansion's whitespace splits words; quoted text and heredoc markers never do.
                    if (ch == '$') words.AddString(part);
                    else words.AddRawString(part);
                    continue;
                }
                ch = Next();
                if (ch == _lexer.Escape)
                {
                    if (_rawEscapes)
                    {
                        words.AddRawChar((char)ch);
                        result.Append((char)ch);
                    }
                    ch = Next();
                    if (ch == Eof) break;
                    words.AddRawChar((char)ch);
                }
                else
                {
                    words.AddChar((char)ch);
                }
                result.Append((char)ch);
            }
            if (stopChar != Eof)
                throw BerthException.Invalid($"unexpected end of statement while looking for matching {(char)stopChar}");
            return (result.ToString(), words.Finish());
        }
        finally
        {
            _rawEscapes = saved;
        }
    }

    private string ProcessSingleQuote()
    {
        // Everything up to the next ' is literal; a ' cannot be escaped inside single quotes.
        var result = new StringBuilder();
        var ch = Next();
        if (_lexer.RawQuotes) result.Append((char)ch);
        while (true)
        {
            ch = Next();
            if (ch == Eof) throw BerthException.Invalid("unexpected end of statement while looking for matching single-quote");
            if (ch == '\'')
            {
                if (_lexer.RawQuotes) result.Append((char)ch);
                return result.ToString();
            }
            result.Append((char)ch);
        }
    }

    private string ProcessDoubleQuote()
    {
        // As sh: $ expands, and the escape character only escapes ", $ and itself; before anything else it stays.
        var result = new StringBuilder();
        var ch = Next();
        if (_lexer.RawQuotes) result.Append((char)ch);
        while (true)
        {
            switch (Peek())
            {
                case Eof:
                    throw BerthException.Invalid("unexpected end of statement while looking for matching double-quote");
                case '"':
                    ch = Next();
                    if (_lexer.RawQuotes) result.Append((char)ch);
                    return result.ToString();
                case '$':
                    result.Append(ProcessDollar());
                    break;
                default:
                    ch = Next();
                    if (ch == _lexer.Escape)
                    {
                        if (_rawEscapes) result.Append((char)ch);
                        var next = Peek();
                        if (next == Eof) continue;
                        if (next == '"' || next == '$' || next == _lexer.Escape) ch = Next();
                    }
                    result.Append((char)ch);
                    break;
            }
        }
    }

    private string ProcessPossibleHeredoc()
    {
        Next();
        if (Peek() != '<') return "<";
        Next();
        var marker = new StringBuilder("<<");
        while (Peek() is '\t' or '\r' or ' ') marker.Append((char)Next());
        return marker.ToString();
    }

    private string ProcessName()
    {
        // Positional parameters ($1, $123) and special parameters ($@, $#, ...) are names too; they are never set.
        var name = new StringBuilder();
        while (Peek() != Eof)
        {
            var ch = (char)Peek();
            if (name.Length == 0 && char.IsDigit(ch))
            {
                while (Peek() != Eof && char.IsDigit((char)Peek())) name.Append((char)Next());
                return name.ToString();
            }
            if (name.Length == 0 && ch is '@' or '*' or '#' or '?' or '-' or '$' or '!' or '0')
                return ((char)Next()).ToString();
            if (!char.IsLetter(ch) && !char.IsDigit(ch) && ch != '_') break;
            name.Append((char)Next());
        }
        return name.ToString();
    }

    private (string Value, bool Set) GetEnv(string name)
    {
        _usedNames?.Add(name);
        return _env.TryGetValue(name, out var value) ? (value, true) : ("", false);
    }

    /// <summary>BuildKit's wordsStruct: collects the whitespace-separated words of a ProcessWords result.</summary>
    private sealed class WordSplitter
    {
        private readonly StringBuilder _buf = new();
        private readonly List<string> _words = [];
        private bool _inWord;

        public void AddChar(char ch)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (_inWord && _buf.Length != 0)
                {
                    _words.Add(_buf.ToString());
                    _buf.Clear();
                    _inWord = false;
                }
            }
            else
            {
                AddRawChar(ch);
            }
        }

        public void AddRawChar(char ch)
        {
            _buf.Append(ch);
            _inWord = true;
        }

        public void AddString(string s)
        {
            foreach (var ch in s) AddChar(ch);
        }

        public void AddRawString(string s)
        {
            _buf.Append(s);
            _inWord = true;
        }

        public List<string> Finish()
        {
            if (_buf.Length > 0)
            {
                _words.Add(_buf.ToString());
                _buf.Clear();
                _inWord = false;
            }
            return _words;
        }
    }
}
