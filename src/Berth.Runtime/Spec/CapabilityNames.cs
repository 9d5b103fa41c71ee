using Berth.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// Linux capability names (capabilities(7)) and docker's rules for --cap-add/--cap-drop: names are case
/// insensitive with or without CAP_, "ALL" in add grants every capability except those dropped, "ALL" in drop
/// leaves only those added.
/// </summary>
public static class CapabilityNames
{
    /// <summary>Every capability up to CAP_CHECKPOINT_RESTORE (40), in bit order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>Docker's default set for unprivileged containers, in docker's order.</summary>
    public static IReadOnlyList<string> DockerDefault { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ];

    private const string AllKeyword = "ALL";

    /// <summary>The bit of a CAP_* name (CAP_CHOWN is 0), or -1 for an unknown name.</summary>
    public static int Bit(string name)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i] == name) return i;
        return -1;
    }

    /// <summary>Upper-cases and prefixes CAP_ ("ALL" stays), rejecting unknown names as docker does.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.Trim().ToUpperInvariant();
            if (name.Length == 0) continue;
            if (name != AllKeyword && !name.StartsWith("CAP_", StringComparison.Ordinal)) name = "CAP_" + name;
            if (name != AllKeyword && Bit(name) < 0) throw BerthException.Invalid($"unknown capability: \"{name}\"");
            if (!result.Contains(name)) result.Add(name);
        }
        return result;
    }

    /// <summary>
    /// The effective set for a container: docker's TweakCapabilities over <paramref name="basics"/>. "Every
    /// capability" (privileged, add ALL) means every one in <paramref name="available"/> when given.
    /// </summary>
    public static IReadOnlyList<string> Resolve(
        IReadOnlyList<string> basics, IEnumerable<string> add, IEnumerable<string> drop, bool privileged,
        IReadOnlyList<string>? available = null)
    {
        if (privileged) return Every(available);
        var adds = Normalize(add);
        var drops = Normalize(drop);
        if (adds.Count == 0 && drops.Count == 0) return basics;
        IEnumerable<string> result;
        if (adds.Contains(AllKeyword)) result = Every(available).Where(c => !drops.Contains(c));
        else if (drops.Contains(AllKeyword)) result = adds;
        else result = basics.Where(c => !drops.Contains(c)).Concat(adds);
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether <see cref="Resolve"/> asks for every capability, and so for the ones available: a privileged
    /// container, or one that adds ALL. Only then is the host's bounding set worth reading.
    /// </summary>
    public static bool AsksForEvery(bool privileged, IEnumerable<string> add) => privileged || Normalize(add).Contains(AllKeyword);

    /// <summary>
    /// All capabilities, or those of them in <paramref name="available"/>: runc fails a start that asks for a
    /// capability outside its own bounding set, which happens when the engine itself runs confined.
    /// </summary>
    public static IReadOnlyList<string> Every(IReadOnlyList<string>? available) =>
        available is null ? All : All.Where(available.Contains).ToList();
}
