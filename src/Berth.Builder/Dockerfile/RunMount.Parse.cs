using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

public sealed partial record RunMount
{
    private static readonly string[] Types = ["bind", "cache", "tmpfs", "secret", "ssh"];
    private static readonly string[] SharingModes = ["shared", "private", "locked"];
    private static readonly string[] Keys =
    [
        "type", "from", "source", "target", "readonly", "id", "sharing", "required", "size", "mode", "uid", "gid",
        "src", "dst", "destination", "ro", "rw", "readwrite", "env",
    ];

    /// <summary>
    /// Parses an expanded <c>--mount</c> value with BuildKit's checks and messages. Fields apply in order, so
    /// <c>type=</c> must come before the keys that depend on it (<c>required</c>, <c>size</c>), as in BuildKit.
    /// </summary>
    public static RunMount Parse(string value)
    {
        var m = new RunMount();
        bool? readOnly = null;
        foreach (var field in MountFields.Split(value))
        {
            var eq = field.IndexOf('=');
            var key = (eq < 0 ? field : field[..eq]).ToLowerInvariant();
            var v = eq < 0 ? "" : field[(eq + 1)..];
            if (eq < 0)
            {
                switch (key)
                {
                    case "readonly" or "ro":
                        readOnly = true;
                        continue;
                    case "readwrite" or "rw":
                        readOnly = false;
                        continue;
                    case "required" when m.Type is "secret" or "ssh":
                        m = m with { Required = true };
                        continue;
                    case "required":
                        throw BerthException.Invalid($"unexpected key '{key}' for mount type '{m.Type}'");
                    default:
                        throw BerthException.Invalid($"invalid field '{field}' must be a key=value pair");
                }
            }
            m = key switch
            {
                "type" => m with { Type = OneOf(v.ToLowerInvariant(), Types, $"unsupported mount type {GoText.Quote(v)}", v) },
                "from" => m with { From = v },
                "source" or "src" => m with { Source = v },
                "target" or "dst" or "destination" => m with { Target = v },
                "id" => m with { Id = v },
                "sharing" => m with { Sharing = OneOf(v.ToLowerInvariant(), SharingModes, $"unsupported sharing value {GoText.Quote(v)}", v) },
                "mode" => m with { Mode = Unsigned(v, 8, $"invalid value {v} for mode") },
                "uid" => m with { Uid = Unsigned(v, 10, $"invalid value {v} for uid") },
                "gid" => m with { Gid = Unsigned(v, 10, $"invalid value {v} for gid") },
                "env" => m with { Env = v },
                "readonly" or "ro" or "readwrite" or "rw" or "required" or "size" => m,
                _ => throw BerthException.Invalid(Suggestion.Wrap($"unexpected key '{key}' in '{field}'", key, Keys, caseSensitive: true)),
            };
            switch (key)
            {
                case "readonly" or "ro":
                    readOnly = GoBool(v, key);
                    break;
                case "readwrite" or "rw":
                    readOnly = !GoBool(v, key);
                    break;
                case "required" when m.Type is "secret" or "ssh":
                    m = m with { Required = GoBool(v, key) };
                    break;
                case "size" when m.Type == "tmpfs":
                    m = m with { SizeLimit = RamInBytes(v) ?? throw BerthException.Invalid($"invalid value for {key}: {v}") };
                    break;
                case "required" or "size":
                    throw BerthException.Invalid($"unexpected key '{key}' for mount type '{m.Type}'");
            }
        }
        return Validate(m with { ReadOnly = readOnly ?? m.Type is not ("cache" or "tmpfs") });
    }

    private static RunMount Validate(RunMount m)
    {
        if (m.Type is not ("secret" or "ssh" or "cache"))
        {
            if (m.Mode is not null) throw BerthException.Invalid($"mode not allowed for {GoText.Quote(m.Type)} type mounts");
            if (m.Uid is not null) throw BerthException.Invalid($"uid not allowed for {GoText.Quote(m.Type)} type mounts");
            if (m.Gid is not null) throw BerthException.Invalid($"gid not allowed for {GoText.Quote(m.Type)} type mounts");
        }
        if (m.Type == "secret")
        {
            if (!string.IsNullOrEmpty(m.From)) throw BerthException.Invalid("secret mount should not have a from");
            if (!string.IsNullOrEmpty(m.Sharing)) throw BerthException.Invalid("secret mount should not define sharing");
            if (string.IsNullOrEmpty(m.Source) && string.IsNullOrEmpty(m.Target) && string.IsNullOrEmpty(m.Id))
                throw BerthException.Invalid("invalid secret mount. one of source, target required");
            if (!string.IsNullOrEmpty(m.Source) && !string.IsNullOrEmpty(m.Id)) throw BerthException.Invalid("both source and id can't be set");
        }
        if (!string.IsNullOrEmpty(m.Sharing) && m.Type != "cache") throw BerthException.Invalid($"invalid cache sharing set for {m.Type} mount");
        return m;
    }

    private static string OneOf(string value, string[] allowed, string message, string original) =>
        allowed.Contains(value) ? value : throw BerthException.Invalid(Suggestion.Wrap(message, original, allowed, caseSensitive: true));

    private static uint Unsigned(string value, int radix, string message)
    {
        try
        {
            if (value.Length == 0 || value[0] is '+' or '-') throw new FormatException();
            return Convert.ToUInt32(value, radix);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw BerthException.Invalid(message);
        }
    }

    // Go's strconv.ParseBool.
    private static bool GoBool(string value, string key) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw BerthException.Invalid($"invalid value for {key}: {value}"),
    };

    // docker/go-units RAMInBytes: binary multiples, "64m", "1.5g", "512 KiB".
    private static long? RamInBytes(string value)
    {
        var match = RamSizeRegex().Match(value);
        if (!match.Success) return null;
        if (!double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var size)) return null;
        var unit = match.Groups[3].Success ? char.ToLowerInvariant(match.Groups[3].Value[0]) : ' ';
        var power = " kmgtp".IndexOf(unit, StringComparison.Ordinal);
        return (long)(size * Math.Pow(1024, power));
    }

    [GeneratedRegex(@"\A([0-9]+(\.[0-9]+)*) ?([kKmMgGtTpP])?[iI]?[bB]?\z")]
    private static partial Regex RamSizeRegex();
}
