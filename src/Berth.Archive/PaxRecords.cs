using System.Globalization;
using System.Text;
using Berth.Linux;

namespace Berth.Archive;

/// <summary>
/// PAX extended header records (POSIX.1-2017 pax, "pax Extended Header"): <c>"%d %s=%s\n"</c> where the
/// length counts the whole record. Keys are UTF-8 text; values are kept as bytes because SCHILY.xattr values
/// (GNU tar and Go's archive/tar both write them) are raw binary.
/// </summary>
internal static class PaxRecords
{
    public static List<KeyValuePair<string, byte[]>> Parse(ReadOnlySpan<byte> data)
    {
        var records = new List<KeyValuePair<string, byte[]>>();
        while (!data.IsEmpty)
        {
            // Some writers pad the header data with NULs after the last record.
            if (data[0] == 0 && !data.ContainsAnyExcept((byte)0)) break;
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length <= space + 1 || length > data.Length || data[length - 1] != (byte)'\n')
                throw new InvalidDataException("malformed pax extended header record");
            var record = data[(space + 1)..(length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0) throw new InvalidDataException("malformed pax extended header record");
            records.Add(new(Encoding.UTF8.GetString(record[..equals]), record[(equals + 1)..].ToArray()));
            data = data[length..];
        }
        return records;
    }

    /// <summary>A pax time: decimal seconds with an optional fraction of up to nanosecond precision.</summary>
    public static Timespec ParseTime(byte[] value)
    {
        var text = Encoding.ASCII.GetString(value);
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var dot = text.IndexOf('.');
        var wholePart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (!long.TryParse(wholePart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (fraction.Length > 0 && !fraction.All(char.IsAsciiDigit)))
            throw new InvalidDataException($"invalid pax time '{text}'");
        long nanos = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
        if (!negative) return new Timespec(seconds, nanos);
        return nanos == 0 ? new Timespec(-seconds, 0) : new Timespec(-seconds - 1, 1_000_000_000 - nanos);
    }

    public static long ParseNumber(byte[] value, string key) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidDataException($"invalid pax {key} '{Encoding.UTF8.GetString(value)}'");
}
