using System.Globalization;
using Berth.Oci;

namespace Berth.Builder.Planning;

/// <summary>
/// One <c>RUN --mount=…</c> value, parsed as BuildKit's instructions parser does: comma-separated
/// <c>key=value</c> fields (<c>type</c> defaults to bind; <c>target</c>, <c>dst</c>, <c>destination</c>;
/// <c>source</c>/<c>src</c>; <c>from</c>; <c>ro</c>/<c>readonly</c>, <c>rw</c>/<c>readwrite</c>; <c>id</c>;
/// <c>sharing</c>; <c>mode</c>, <c>uid</c>, <c>gid</c>; <c>size</c>; <c>required</c>). Bind mounts are read-only
/// unless <c>rw</c>; cache mounts are writable; a secret's target defaults to <c>/run/secrets/ID</c>.
/// </summary>
public sealed record RunMountFlag
{
    public string Type { get; init; } = "bind";
    public string? Target { get; init; }
    public string? Source { get; init; }
    public string? From { get; init; }
    public bool? ReadOnly { get; init; }
    public string? Id { get; init; }
    public string Sharing { get; init; } = "shared";
    public uint? Mode { get; init; }
    public uint? Uid { get; init; }
    public uint? Gid { get; init; }
    public long? Size { get; init; }
    public bool Required { get; init; }

    public static RunMountFlag Parse(string value)
    {
        var flag = new RunMountFlag();
        foreach (var field in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = field.IndexOf('=');
            var key = (eq < 0 ? field : field[..eq]).Trim().ToLowerInvariant();
            var text = eq < 0 ? null : field[(eq + 1)..];
            flag = (key, text) switch
            {
                ("type", { } t) => flag with { Type = CheckType(t.ToLowerInvariant()) },
                ("target" or "dst" or "destination", { } t) => flag with { Target = t },
                ("source" or "src", { } t) => flag with { Source = t },
                ("from", { } t) => flag with { From = t },
                ("ro" or "readonly", _) => flag with { ReadOnly = text is null || Bool(key, text) },
                ("rw" or "readwrite", _) => flag with { ReadOnly = !(text is null || Bool(key, text)) },
                ("id", { } t) => flag with { Id = t },
                ("sharing", { } t) => flag with { Sharing = CheckSharing(t.ToLowerInvariant()) },
                ("mode", { } t) => flag with { Mode = Octal(t) },
                ("uid", { } t) => flag with { Uid = Number(key, t) },
                ("gid", { } t) => flag with { Gid = Number(key, t) },
                ("size", { } t) => flag with { Size = long.Parse(t, CultureInfo.InvariantCulture) },
                ("required", _) => flag with { Required = text is null || Bool(key, text) },
                _ => throw BerthException.Invalid($"unexpected key '{key}' in '{field}'"),
            };
        }
        if (flag.Type == "secret")
        {
            var id = flag.Id ?? (flag.Target is { } target ? Path.GetFileName(target) : null)
                ?? throw BerthException.Invalid("secret ID missing from mount options");
            return flag with { Id = id, Target = flag.Target ?? "/run/secrets/" + id };
        }
        if (flag.Target is null) throw BerthException.Invalid("mount destination (target) is required");
        if (flag.Type == "cache" && flag.Id is null) flag = flag with { Id = flag.Target };
        return flag;
    }

    private static string CheckType(string type) => type is "bind" or "cache" or "tmpfs" or "secret"
        ? type
        : throw BerthException.Invalid(type == "ssh" ? "mount type ssh is not supported" : $"unsupported mount type \"{type}\"");

    private static string CheckSharing(string sharing) => sharing is "shared" or "private" or "locked"
        ? sharing
        : throw BerthException.Invalid($"unsupported sharing value \"{sharing}\"");

    private static bool Bool(string key, string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw BerthException.Invalid($"invalid value for {key}: {text}"),
    };

    private static uint Octal(string text)
    {
        try
        {
            return Convert.ToUInt32(text, 8);
        }
        catch (FormatException)
        {
            throw BerthException.Invalid($"invalid mode: {text}");
        }
    }

    private static uint Number(string key, string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw BerthException.Invalid($"invalid value for {key}: {text}");
}
