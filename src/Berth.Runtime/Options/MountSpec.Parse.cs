using Berth.Oci;

namespace Berth.Runtime.Options;

public sealed partial record MountSpec
{
    public static MountSpec Parse(string value)
    {
        string? type = "volume", source = null, target = null, propagation = null, driver = null;
        bool readOnly = false, nonRecursive = false, noCopy = false;
        bool volumeSet = false, bindSet = false, tmpfsSet = false;
        long size = 0;
        uint mode = 0;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var volumeOptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in CsvFields.Split(value))
        {
            var equals = field.IndexOf('=');
            var key = (equals < 0 ? field : field[..equals]).ToLowerInvariant();
            var val = equals < 0 ? "" : field[(equals + 1)..];
            if (equals < 0)
            {
                switch (key)
                {
                    case "readonly" or "ro": readOnly = true; continue;
                    case "volume-nocopy": noCopy = volumeSet = true; continue;
                    case "bind-nonrecursive": nonRecursive = bindSet = true; continue;
                    default: throw BerthException.Invalid($"invalid field '{field}' must be a key=value pair");
                }
            }
            switch (key)
            {
                case "type": type = val.ToLowerInvariant(); break;
                case "source" or "src": source = val; break;
                case "target" or "dst" or "destination": target = val; break;
                case "readonly" or "ro": readOnly = Bool(key, val); break;
                case "consistency": break;
                case "bind-propagation": propagation = val.ToLowerInvariant(); bindSet = true; break;
                case "bind-nonrecursive": nonRecursive = Bool(key, val); bindSet = true; break;
                case "volume-nocopy":
                    noCopy = GoInts.TryParseBool(val, out var b) ? b : throw BerthException.Invalid($"invalid value for volume-nocopy: {val}");
                    volumeSet = true;
                    break;
                case "volume-label": SetPair(labels, val); volumeSet = true; break;
                case "volume-driver": driver = val; volumeSet = true; break;
                case "volume-opt": SetPair(volumeOptions, val); volumeSet = true; break;
                case "tmpfs-size":
                    size = TryBytes(val) ?? throw BerthException.Invalid($"invalid value for {key}: {val}");
                    tmpfsSet = true;
                    break;
                case "tmpfs-mode":
                    mode = uint.TryParse(val, out _) && val.All(c => c is >= '0' and <= '7')
                        ? Convert.ToUInt32(val, 8)
                        : throw BerthException.Invalid($"invalid value for {key}: {val}");
                    tmpfsSet = true;
                    break;
                default: throw BerthException.Invalid($"unexpected key '{key}' in '{field}'");
            }
        }
        if (string.IsNullOrEmpty(type)) throw BerthException.Invalid("type is required");
        if (string.IsNullOrEmpty(target)) throw BerthException.Invalid("target is required");
        if (volumeSet && type != "volume") throw BerthException.Invalid($"cannot mix 'volume-*' options with mount type '{type}'");
        if (bindSet && type != "bind") throw BerthException.Invalid($"cannot mix 'bind-*' options with mount type '{type}'");
        if (tmpfsSet && type != "tmpfs") throw BerthException.Invalid($"cannot mix 'tmpfs-*' options with mount type '{type}'");

        var kind = Validate(type, source, target, readOnly, propagation);
        return new MountSpec
        {
            Type = kind, Source = string.IsNullOrEmpty(source) ? null : source, Target = target, ReadOnly = readOnly,
            BindPropagation = propagation, BindNonRecursive = nonRecursive, VolumeNoCopy = noCopy, VolumeDriver = driver,
            VolumeLabels = labels, VolumeOptions = volumeOptions, TmpfsSizeBytes = size, TmpfsMode = mode,
        };
    }

    // The daemon's checks (moby volume/mounts linux_parser validateMountConfig), in its order.
    private static MountType Validate(string type, string? source, string target, bool readOnly, string? propagation)
    {
        if (MountPaths.TargetError(target) is { } targetError) throw MountPaths.Config(type, targetError);
        switch (type)
        {
            case "bind":
                if (string.IsNullOrEmpty(source)) throw MountPaths.Config(type, "field Source must not be empty");
                if (propagation is { Length: > 0 } && !Propagation.Modes.Contains(propagation))
                    throw MountPaths.Config(type, $"invalid propagation mode: {propagation}");
                if (!source.StartsWith('/'))
                    throw MountPaths.Config(type, $"invalid mount path: '{source}' mount path must be absolute");
                return MountType.Bind;
            case "volume":
                if (string.IsNullOrEmpty(source))
                {
                    if (readOnly) throw MountPaths.Config(type, "must not set ReadOnly mode when using anonymous volumes");
                }
                else VolumeNames.Validate(source);
                return MountType.Volume;
            case "tmpfs":
                if (!string.IsNullOrEmpty(source)) throw MountPaths.Config(type, "field Source must not be specified");
                return MountType.Tmpfs;
            default:
                throw MountPaths.Config(type, "mount type unknown");
        }
    }

    private static bool Bool(string key, string value) =>
        GoInts.TryParseBool(value, out var result) ? result : throw BerthException.Invalid($"invalid value for {key}: {value}");

    private static long? TryBytes(string value)
    {
        try { return ByteSize.Parse(value); }
        catch (BerthException) { return null; }
    }

    private static void SetPair(Dictionary<string, string> map, string pair)
    {
        var equals = pair.IndexOf('=');
        var key = equals < 0 ? pair : pair[..equals];
        if (key.Length > 0) map[key] = equals < 0 ? "" : pair[(equals + 1)..];
    }
}
