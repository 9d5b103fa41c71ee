namespace Berth.Runtime.Logs;

/// <summary>
/// JSON string escaping exactly as Docker's json-file driver writes the "log" field (moby's
/// jsonlog.ffjsonWriteJSONBytesAsString): control bytes other than \n and \r become \u00XX (so a tab is \u0009),
/// &lt; &gt; &amp; are escaped for HTML safety, U+2028/U+2029 are escaped, and every byte that does not start a
/// valid UTF-8 sequence (Go's utf8.DecodeRune rules: no overlongs, no surrogates, nothing past U+10FFFF) becomes
/// \ufffd on its own.
/// </summary>
internal static class GoJson
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>The most bytes <see cref="WriteString"/> can produce for <paramref name="length"/> input bytes.</summary>
    public static int MaxEscapedLength(int length) => (length * 6) + 2;

    /// <summary>Writes the quoted, escaped string; returns the bytes written.</summary>
    public static int WriteString(ReadOnlySpan<byte> s, Span<byte> dest)
    {
        var o = 0;
        dest[o++] = (byte)'"';
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var b = s[i];
            if (b < 0x80)
            {
                if (b >= 0x20 && b != '\\' && b != '"' && b != '<' && b != '>' && b != '&')
                {
                    i++;
                    continue;
                }
                o += Flush(s, start, i, dest[o..]);
                dest[o++] = (byte)'\\';
                switch (b)
                {
                    case (byte)'\\' or (byte)'"':
                        dest[o++] = b;
                        break;
                    case (byte)'\n':
                        dest[o++] = (byte)'n';
                        break;
                    case (byte)'\r':
                        dest[o++] = (byte)'r';
                        break;
                    default:
                        dest[o++] = (byte)'u';
                        dest[o++] = (byte)'0';
                        dest[o++] = (byte)'0';
                        dest[o++] = Hex[b >> 4];
                        dest[o++] = Hex[b & 0xF];
                        break;
                }
                start = ++i;
                continue;
            }
            var size = DecodeLength(s[i..]);
            if (size == 0)
            {
                o += Flush(s, start, i, dest[o..]);
                "\\ufffd"u8.CopyTo(dest[o..]);
                o += 6;
                start = ++i;
                continue;
            }
            if (size == 3 && b == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            {
                o += Flush(s, start, i, dest[o..]);
                "\\u202"u8.CopyTo(dest[o..]);
                o += 5;
                dest[o++] = s[i + 2] == 0xA8 ? (byte)'8' : (byte)'9';
                i += 3;
                start = i;
                continue;
            }
            i += size;
        }
        o += Flush(s, start, s.Length, dest[o..]);
        dest[o++] = (byte)'"';
        return o;
    }

    private static int Flush(ReadOnlySpan<byte> s, int start, int end, Span<byte> dest)
    {
        if (end <= start)
            return 0;
        s[start..end].CopyTo(dest);
        return end - start;
    }

    /// <summary>Length of the valid multi-byte sequence at the start of <paramref name="s"/>, or 0 when invalid.</summary>
    private static int DecodeLength(ReadOnlySpan<byte> s)
    {
        var b0 = s[0];
        int need;
        byte lo = 0x80, hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF)
            need = 2;
        else if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            need = 3;
            if (b0 == 0xE0) lo = 0xA0;
            else if (b0 == 0xED) hi = 0x9F;
        }
        else if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            need = 4;
            if (b0 == 0xF0) lo = 0x90;
            else if (b0 == 0xF4) hi = 0x8F;
        }
        else
            return 0;
        if (s.Length < need || s[1] < lo || s[1] > hi)
            return 0;
        for (var k = 2; k < need; k++)
        {
            if (s[k] < 0x80 || s[k] > 0xBF)
                return 0;
        }
        return need;
    }
}
