using System.Globalization;
using System.Numerics;
using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// <c>--cpus</c> as docker reads it (a rational number: "1.5", "0.25", "3/2", "1e-1") into billionths of a
/// CPU; a value finer than one nano CPU is refused.
/// </summary>
public static class NanoCpus
{
    private static readonly BigInteger Billion = 1_000_000_000;

    public static long Parse(string text)
    {
        if (!TryRational(text, out var numerator, out var denominator))
            throw BerthException.Invalid($"failed to parse {text} as a rational number");
        var scaled = numerator * Billion;
        if (scaled % denominator != 0) throw BerthException.Invalid("value is too precise");
        var nanos = scaled / denominator;
        return nanos > long.MaxValue || nanos < long.MinValue
            ? throw BerthException.Invalid($"failed to parse {text} as a rational number")
            : (long)nanos;
    }

    private static bool TryRational(string text, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = 0;
        denominator = 1;
        var slash = text.IndexOf('/');
        if (slash >= 0)
        {
            return BigInteger.TryParse(text[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numerator)
                && BigInteger.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out denominator)
                && !denominator.IsZero;
        }
        var exponent = 0;
        var mantissa = text;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > 400) return false;
            mantissa = text[..e];
        }
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa[..dot] + mantissa[(dot + 1)..];
        if (dot >= 0) exponent -= mantissa.Length - dot - 1;
        var unsigned = digits.TrimStart('+', '-');
        if (unsigned.Length == 0 || !unsigned.All(char.IsAsciiDigit) || digits.Length - unsigned.Length > 1) return false;
        numerator = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent >= 0) numerator *= BigInteger.Pow(10, exponent);
        else denominator = BigInteger.Pow(10, -exponent);
        return true;
    }
}
