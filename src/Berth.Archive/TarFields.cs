using System.Text;

namespace Berth.Archive;

/// <summary>
/// Encoding of tar header fields (POSIX.1-2017 pax, "ustar Interchange Format"): NUL-padded strings, octal
/// numbers, the GNU base-256 extension for numbers too large for octal, and the header checksum.
/// </summary>
internal static class TarFields
{
    public const int BlockSize = 512;
    public const int NameOffset = 0, NameLength = 100;
    public const int ModeOffset = 100, UidOffset = 108, GidOffset = 116, IdLength = 8;
    public const int SizeOffset = 124, MtimeOffset = 136, NumberLength = 12;
    public const int ChecksumOffset = 148, ChecksumLength = 8;
    public const int TypeOffset = 156;
    public const int LinkNameOffset = 157;
    public const int MagicOffset = 257;
    public const int DevMajorOffset = 329, DevMinorOffset = 337;
    public const int PrefixOffset = 345, PrefixLength = 155;

    /// <summary>The bytes of a NUL-terminated (or field-filling) string.</summary>
    public static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }

    public static string String(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(Text(field));

    /// <summary>Octal with optional leading spaces and NUL/space terminator, or base-256 when the top bit is set.</summary>
    public static long Number(ReadOnlySpan<byte> field)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            // GNU base-256: big-endian two's complement with the marker bit cleared; 0xff marks a negative value.
            if (field[0] == 0xff) throw new InvalidDataException("negative base-256 number in tar header");
            long value = field[0] & 0x7f;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8)) throw new InvalidDataException("base-256 number overflows in tar header");
                value = (value << 8) | b;
            }
            return value;
        }
        long result = 0;
        var i = 0;
        while (i < field.Length && field[i] == (byte)' ') i++;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++)
        {
            if (result > (long.MaxValue >> 3)) throw new InvalidDataException("octal number overflows in tar header");
            result = (result << 3) | (uint)(field[i] - '0');
        }
        for (; i < field.Length; i++)
            if (field[i] is not (0 or (byte)' ')) throw new InvalidDataException("invalid octal number in tar header");
        return result;
    }

    /// <summary>Writes <paramref name="value"/> as zero-padded octal followed by a NUL; false if it does not fit.</summary>
    public static bool TryWriteOctal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        if (value < 0 || (digits < 21 && value >= 1L << (3 * digits))) return false;
        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }
        field[digits] = 0;
        return true;
    }

    /// <summary>Unsigned sum of the header with the checksum field counted as spaces.</summary>
    public static long Checksum(ReadOnlySpan<byte> header, bool signed = false)
    {
        long sum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var b = i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? (byte)' ' : header[i];
            sum += signed ? (sbyte)b : b;
        }
        return sum;
    }

    public static bool IsZeroBlock(ReadOnlySpan<byte> block) => !block.ContainsAnyExcept((byte)0);
}
