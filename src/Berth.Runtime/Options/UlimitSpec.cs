using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// One <c>--ulimit name=soft[:hard]</c> (go-units ParseUlimit): a Docker rlimit name, and limits where -1
/// means unlimited; without a hard value the hard limit equals the soft one.
/// </summary>
public sealed record UlimitSpec(string Name, long Soft, long Hard)
{
    /// <summary>The names docker accepts; each maps to RLIMIT_ + the upper-cased name.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio",
        "rttime", "sigpending", "stack",
    };

    public static UlimitSpec Parse(string value)
    {
        var equals = value.IndexOf('=');
        if (equals < 0) throw BerthException.Invalid($"invalid ulimit argument: {value}");
        var name = value[..equals];
        if (!Names.Contains(name)) throw BerthException.Invalid($"invalid ulimit type: {name}");
        var limits = value[(equals + 1)..].Split(':');
        if (limits.Length > 2)
        {
            throw BerthException.Invalid(
                $"too many limit value arguments - {value[(equals + 1)..]}, can only have up to two, `soft[:hard]`");
        }
        var hard = limits.Length == 2 ? GoInts.ParseInt64(limits[1]) : 0;
        var soft = GoInts.ParseInt64(limits[0]);
        if (limits.Length == 1) hard = soft;
        if (hard != -1 && soft > hard)
            throw BerthException.Invalid($"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
        return new UlimitSpec(name, soft, hard);
    }

    public override string ToString() => $"{Name}={Soft}:{Hard}";
}
