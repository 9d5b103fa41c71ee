using Berth.Oci;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Options;

/// <summary>
/// One <c>-v [SOURCE:]TARGET[:MODE]</c> (moby volume/mounts linux_parser ParseMountRaw): an absolute source is a
/// bind, any other source a named volume, no source an anonymous volume. MODE is a comma list with at most one
/// of each kind: ro|rw, z|Z (SELinux, ignored), a propagation mode, nocopy, consistent|cached|delegated.
/// </summary>
public sealed record VolumeSpec
{
    public required MountType Type { get; init; }

    /// <summary>Host path of a bind or name of a volume; null for an anonymous volume.</summary>
    public string? Source { get; init; }
    public required string Target { get; init; }
    public bool ReadOnly { get; init; }
    public string Mode { get; init; } = "";
    public string? Propagation { get; init; }

    /// <summary>nocopy: an empty volume is not filled from the image's content at the target.</summary>
    public bool NoCopy { get; init; }

    private static readonly HashSet<string> Consistency = new(StringComparer.Ordinal) { "consistent", "cached", "delegated" };

    /// <summary>
    /// Parses <paramref name="raw"/>. A source of "." or starting with "./" or "../" is made absolute against
    /// <paramref name="workingDirectory"/> when given, as the docker CLI does.
    /// </summary>
    public static VolumeSpec Parse(string raw, string? workingDirectory = null)
    {
        var parts = raw.Split(':');
        if (parts[0].Length == 0) throw InvalidSpec(raw);
        string? source = null;
        string target;
        var mode = "";
        switch (parts.Length)
        {
            case 1:
                target = parts[0];
                break;
            case 2:
                // "/data:rw" names no volume: a mode after a lone container path is not allowed.
                if (IsValidMode(parts[1])) throw InvalidSpec(raw);
                (source, target) = (parts[0], parts[1]);
                break;
            case 3:
                (source, target, mode) = (parts[0], parts[1], parts[2]);
                break;
            default:
                throw InvalidSpec(raw);
        }
        if (!IsValidMode(mode)) throw BerthException.Invalid($"invalid mode: {mode}");
        if (source is not null && workingDirectory is not null && (source == "." || source == ".." ||
            source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)))
            source = MountPaths.Clean(workingDirectory.TrimEnd('/') + "/" + source);
        var words = mode.Length == 0 ? [] : mode.Split(',');
        var type = source is not null && source.StartsWith('/') ? MountType.Bind : MountType.Volume;
        var propagation = words.FirstOrDefault(Options.Propagation.Modes.Contains);
        var typeName = type == MountType.Bind ? "bind" : "volume";
        if (MountPaths.TargetError(target) is { } targetError)
            throw BerthException.Invalid($"{InvalidSpec(raw).Message}: invalid mount config for type \"{typeName}\": {targetError}");
        if (type == MountType.Volume && propagation is not null)
            throw BerthException.Invalid($"{InvalidSpec(raw).Message}: invalid mount config for type \"volume\": field BindOptions must not be specified");
        if (type == MountType.Bind && words.Contains("nocopy"))
            throw BerthException.Invalid($"{InvalidSpec(raw).Message}: invalid mount config for type \"bind\": field VolumeOptions must not be specified");
        if (type == MountType.Volume && source is not null) VolumeNames.Validate(source);
        return new VolumeSpec
        {
            Type = type, Source = source, Target = target, ReadOnly = words.Contains("ro"), Mode = mode,
            Propagation = propagation, NoCopy = words.Contains("nocopy"),
        };
    }

    /// <summary>
    /// The OCI bind for it: binds get docker's default rprivate propagation, volumes none; a volume's host
    /// directory is <paramref name="resolvedSource"/>.
    /// </summary>
    public OciMount ToOciMount(string? resolvedSource = null) => new()
    {
        Destination = MountPaths.Clean(Target),
        Type = "bind",
        Source = Type == MountType.Bind
            ? Source
            : resolvedSource ?? throw BerthException.Invalid($"volume for {Target} has no host directory"),
        Options = Options.Propagation.BindOptions(
            ReadOnly, Propagation ?? (Type == MountType.Bind ? Options.Propagation.Default : null)),
    };

    private static bool IsValidMode(string mode)
    {
        if (mode.Length == 0) return true;
        int rw = 0, label = 0, propagation = 0, copy = 0, consistency = 0;
        foreach (var word in mode.Split(','))
        {
            if (word is "rw" or "ro") rw++;
            else if (word is "z" or "Z") label++;
            else if (Options.Propagation.Modes.Contains(word)) propagation++;
            else if (word == "nocopy") copy++;
            else if (Consistency.Contains(word)) consistency++;
            else return false;
        }
        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
    }

    private static BerthException InvalidSpec(string raw) => BerthException.Invalid($"invalid volume specification: '{raw}'");
}
