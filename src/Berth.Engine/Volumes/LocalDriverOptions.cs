using Berth.Linux;
using Berth.Oci;

namespace Berth.Engine.Volumes;

/// <summary>
/// The <c>local</c> driver's options, as docker's: <c>type</c>, <c>device</c> and <c>o</c> describe a mount(8)
/// done on the volume's <c>_data</c> when a container uses it (<c>-o type=tmpfs -o device=tmpfs -o o=size=100m</c>).
/// Flags in <c>o</c> that mount(8) turns into MS_* bits become <see cref="MountFlags"/>; the rest is the data string.
/// </summary>
internal sealed record LocalDriverOptions(string Type, string Device, MountFlags Flags, string? Data)
{
    public const string DriverName = "local";

    private static readonly string[] Valid = ["type", "device", "o", "size"];

    // Docker's mandatoryOpts: each key needs the others listed, checked in this order.
    private static readonly (string Key, string[] Needs)[] Mandatory =
        [("device", ["type"]), ("type", ["device"]), ("o", ["device", "type"])];

    /// <summary>Docker's validateOpts; messages carry docker's <c>create NAME:</c> prefix.</summary>
    public static void Validate(string name, IReadOnlyDictionary<string, string> options)
    {
        foreach (var key in options.Keys)
            if (!Valid.Contains(key)) throw BerthException.Invalid($"create {name}: invalid option: \"{key}\"");
        if (options.ContainsKey("size"))
            throw BerthException.Invalid($"create {name}: quota size requested but no quota support");
        foreach (var (key, needs) in Mandatory)
        {
            if (!options.ContainsKey(key)) continue;
            foreach (var need in needs)
                if (!options.ContainsKey(need)) throw BerthException.Invalid($"create {name}: missing required option: \"{need}\"");
        }
    }

    /// <summary>The mount the options describe, or null when the volume is a plain directory.</summary>
    public static LocalDriverOptions? Parse(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("type", out var type) || !options.TryGetValue("device", out var device)) return null;
        var flags = MountFlags.None;
        var data = new List<string>();
        foreach (var option in (options.GetValueOrDefault("o") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (option)
            {
                case "ro": flags |= MountFlags.ReadOnly; break;
                case "rw": flags &= ~MountFlags.ReadOnly; break;
                case "nosuid": flags |= MountFlags.NoSuid; break;
                case "suid": flags &= ~MountFlags.NoSuid; break;
                case "nodev": flags |= MountFlags.NoDev; break;
                case "dev": flags &= ~MountFlags.NoDev; break;
                case "noexec": flags |= MountFlags.NoExec; break;
                case "exec": flags &= ~MountFlags.NoExec; break;
                case "noatime": flags |= MountFlags.NoAtime; break;
                case "atime": flags &= ~MountFlags.NoAtime; break;
                case "bind": flags |= MountFlags.Bind; break;
                case "rbind": flags |= MountFlags.Bind | MountFlags.Recursive; break;
                default: data.Add(option); break;
            }
        }
        return new LocalDriverOptions(type, device, flags, data.Count == 0 ? null : string.Join(',', data));
    }
}
