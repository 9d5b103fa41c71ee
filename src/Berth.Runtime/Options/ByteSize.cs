using System.Globalization;
using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// Docker's size strings in binary units (go-units RAMInBytes): "512", "64m", "1.5g", "2 GiB". The unit is
/// one of b, k, m, g, t, p in any case, optionally followed by "b" or "ib"; fractions are truncated to bytes.
/// </summary>
public static class ByteSize
{
    public static long Parse(string text)
    {
        var separator = text.LastIndexOfAny("0123456789. ".ToCharArray());
        if (separator < 0) throw BerthException.Invalid($"invalid size: '{text}'");
        var number = text[separator] == ' ' ? text[..separator] : text[..(separator + 1)];
        var suffix = text[(separator + 1)..];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var size) || number.Trim() != number || number.Length == 0)
            throw BerthException.Invalid($"strconv.ParseFloat: parsing \"{number}\": invalid syntax");
        if (size < 0) throw BerthException.Invalid($"invalid size: '{text}'");
        if (suffix.Length > 0) size *= Multiplier(suffix);
        return size >= long.MaxValue ? throw BerthException.Invalid($"invalid size: '{text}'") : (long)size;
    }

    private static double Multiplier(string suffix)
    {
        var lower = suffix.ToLowerInvariant();
        if (lower.Length > 3) throw BadSuffix(lower);
        if (lower[0] == 'b') return lower.Length == 1 ? 1 : throw BadSuffix(lower);
        var power = "kmgtp".IndexOf(lower[0]);
        if (power < 0) throw BadSuffix(lower);
        if ((lower.Length == 2 && lower[1] != 'b') || (lower.Length == 3 && lower[1..] != "ib")) throw BadSuffix(lower);
        return Math.Pow(1024, power + 1);
    }

    private static BerthException BadSuffix(string suffix) => BerthException.Invalid($"invalid suffix: '{suffix}'");
}
