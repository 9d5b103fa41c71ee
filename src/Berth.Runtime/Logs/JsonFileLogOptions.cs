using System.Globalization;
using Berth.Oci;

namespace Berth.Runtime.Logs;

/// <summary>
/// The json-file driver's rotation settings, Docker's <c>--log-opt max-size=10m --log-opt max-file=3</c>.
/// Without a max size the log grows forever; with one, the file is rotated once it has reached the size
/// (path → path.1 → … → path.(MaxFiles-1)), and with MaxFiles 1 it is truncated instead.
/// </summary>
public sealed record JsonFileLogOptions
{
    /// <summary>Bytes after which the file is rotated; null means never.</summary>
    public long? MaxSize { get; init; }

    /// <summary>How many files to keep, the live one included; at least 1.</summary>
    public int MaxFiles { get; init; } = 1;

    /// <summary>Options Docker's json-file driver understands but Berth writes no differently.</summary>
    private static readonly string[] Accepted = ["labels", "labels-regex", "env", "env-regex", "tag"];

    /// <summary>Reads Docker's log-opts for json-file, with Docker's validation and error texts.</summary>
    public static JsonFileLogOptions FromLogOpts(IReadOnlyDictionary<string, string> opts)
    {
        long? maxSize = null;
        var maxFiles = 1;
        foreach (var (key, value) in opts)
        {
            switch (key)
            {
                case "max-size":
                    maxSize = ParseSize(value);
                    if (maxSize <= 0)
                        throw BerthException.Invalid("max-size must be a positive number");
                    break;
                case "max-file":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out maxFiles))
                        throw BerthException.Invalid($"strconv.Atoi: parsing \"{value}\": invalid syntax");
                    if (maxFiles < 1)
                        throw BerthException.Invalid("max-file cannot be less than 1");
                    break;
                default:
                    if (Array.IndexOf(Accepted, key) < 0)
                        throw BerthException.Invalid($"unknown log opt '{key}' for json-file log driver");
                    break;
            }
        }
        return new JsonFileLogOptions { MaxSize = maxSize, MaxFiles = maxFiles };
    }

    /// <summary>
    /// Docker's units.RAMInBytes: a number with an optional binary unit (k, m, g, t, p; an optional "i" and "b"),
    /// so "10m" is 10 MiB.
    /// </summary>
    public static long ParseSize(string text)
    {
        var s = text;
        var multiplier = 1L;
        if (s.EndsWith('b') || s.EndsWith('B'))
            s = s[..^1];
        if (s.EndsWith('i') || s.EndsWith('I'))
            s = s[..^1];
        if (s.Length > 0)
        {
            var unit = char.ToLowerInvariant(s[^1]);
            var shift = unit switch { 'k' => 10, 'm' => 20, 'g' => 30, 't' => 40, 'p' => 50, _ => 0 };
            if (shift > 0)
            {
                multiplier = 1L << shift;
                s = s[..^1].TrimEnd(' ');
            }
        }
        if (s.Length == 0 || !char.IsAsciiDigit(s[0])
            || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw BerthException.Invalid($"invalid size: '{text}'");
        return (long)(number * multiplier);
    }
}
