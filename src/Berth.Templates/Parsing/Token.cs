namespace Berth.Templates.Parsing;

/// <summary>One lexical item: its kind, its text, its byte offset and its 1-based line.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Pos, int Line)
{
    /// <summary>Go's item.String(): how the item is named in parse errors.</summary>
    public override string ToString() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Error => Value,
        > TokenKind.Keyword => "<" + Value + ">",
        _ when Value.Length > 10 => GoQuote.Quote(Value[..10]) + "...",
        _ => GoQuote.Quote(Value),
    };
}
