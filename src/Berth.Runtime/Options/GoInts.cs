using System.Globalization;
using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>Number parsing with the error texts of Go's strconv, which docker passes through to users.</summary>
internal static class GoInts
{
    public static long ParseInt64(string text)
    {
        if (text.Length == 0 || text.Trim() != text || text.Contains('_'))
            throw BerthException.Invalid($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        var digits = text.TrimStart('+', '-');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? throw BerthException.Invalid($"strconv.ParseInt: parsing \"{text}\": value out of range")
            : throw BerthException.Invalid($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
    }

    /// <summary>Go's strconv.Atoi: an optional sign and decimal digits, nothing else.</summary>
    public static bool TryAtoi(string text, out int value)
    {
        value = 0;
        return text.Length > 0 && text.Trim() == text && !text.Contains('_')
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Go's strconv.ParseBool.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
