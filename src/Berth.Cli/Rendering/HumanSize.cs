using System.Globalization;

namespace Berth.Cli.Rendering;

/// <summary>
/// Sizes as docker prints them (go-units HumanSizeWithPrecision): decimal units (kB = 1000 B) and Go's
/// <c>%.Ng</c> formatting, so <c>images</c> shows <c>1.98MB</c> and <c>system df</c> shows <c>1.982MB</c>.
/// </summary>
internal static class HumanSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    public static string Format(double size, int precision = 4)
    {
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }
        return GoFormatG(size, precision) + Units[unit];
    }

    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>go-units BytesSize: binary units with two decimals trimmed Go-style (<c>23.44GiB</c>).</summary>
    public static string Binary(double size)
    {
        var unit = 0;
        while (size >= 1024 && unit < BinaryUnits.Length - 1)
        {
            size /= 1024;
            unit++;
        }
        return GoFormatG(size, 4) + BinaryUnits[unit];
    }

    /// <summary>Go's %.Ng: N significant digits, trailing zeros dropped, exponent form only for large exponents.</summary>
    private static string GoFormatG(double value, int precision)
    {
        if (value == 0) return "0";
        var text = value.ToString("G" + precision, CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0) return text;
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{text[..e]}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }
}
