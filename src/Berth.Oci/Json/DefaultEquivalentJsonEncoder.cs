using System.Text.Encodings.Web;

namespace Berth.Oci.Json;

/// <summary>
/// Escapes exactly as <see cref="JavaScriptEncoder.Default"/> does (what the serializer writes when given no
/// encoder): printable ASCII except <c>" &amp; ' + &lt; &gt; \ `</c> passes; <c>\b \t \n \f \r \\</c> get their
/// short forms; everything else, every non-ASCII character included, becomes <c>\uXXXX</c> (upper-case hex, a
/// surrogate pair for characters beyond the BMP). The default's first use builds its tables of the whole Unicode
/// range, a few tenths of a millisecond in each berth process; the hand-written JSON writers (the rows, the runtime
/// spec, an exec's process) take this one instead and write the same bytes.
/// </summary>
public sealed class DefaultEquivalentJsonEncoder : JavaScriptEncoder
{
    public static DefaultEquivalentJsonEncoder Instance { get; } = new();

    private DefaultEquivalentJsonEncoder()
    {
    }

    // \uXXXX for each UTF-16 unit (both halves of a surrogate pair, for a character beyond the BMP).
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or > 0x7E or '"' or '&' or '\'' or '+' or '<' or '>' or '\\' or '`';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
            if (WillEncode(text[i])) return i;
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length; i++)
            if (WillEncode(utf8Text[i])) return i;
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var shortForm = unicodeScalar switch
        {
            '\b' => 'b',
            '\t' => 't',
            '\n' => 'n',
            '\f' => 'f',
            '\r' => 'r',
            '\\' => '\\',
            _ => '\0',
        };
        var destination = new Span<char>(buffer, bufferLength);
        numberOfCharactersWritten = 0;
        if (shortForm != '\0')
        {
            if (bufferLength < 2) return false;
            destination[0] = '\\';
            destination[1] = shortForm;
            numberOfCharactersWritten = 2;
            return true;
        }
        if (unicodeScalar <= 0xFFFF) return TryWriteEscape(destination, (char)unicodeScalar, ref numberOfCharactersWritten);
        var rune = new System.Text.Rune(unicodeScalar);
        Span<char> pair = stackalloc char[2];
        rune.EncodeToUtf16(pair);
        return TryWriteEscape(destination, pair[0], ref numberOfCharactersWritten)
            && TryWriteEscape(destination[6..], pair[1], ref numberOfCharactersWritten);
    }

    private static bool TryWriteEscape(Span<char> destination, char value, ref int written)
    {
        if (destination.Length < 6) return false;
        destination[0] = '\\';
        destination[1] = 'u';
        ((int)value).TryFormat(destination[2..], out _, "X4", System.Globalization.CultureInfo.InvariantCulture);
        written += 6;
        return true;
    }
}
