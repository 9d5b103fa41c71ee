using Berth.Linux;

namespace Berth.Snapshots;

/// <summary>Splits fstab-style options into mount(2) flags and the data string, as mount(8) does.</summary>
internal static class MountOptions
{
    /// <summary>Flags a bind mount only honours on a remount.</summary>
    public const MountFlags RemountableFlags = MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec;

    // MS_SYNCHRONOUS, MS_NODIRATIME, MS_RELATIME (include/uapi/linux/mount.h); MountFlags does not name them.
    private const MountFlags Synchronous = (MountFlags)16, NoDiratime = (MountFlags)2048, Relatime = (MountFlags)(1 << 21);

    public static (MountFlags Flags, string Data) Parse(IReadOnlyList<string> options)
    {
        var flags = MountFlags.None;
        var data = new List<string>();
        foreach (var option in options)
        {
            switch (option)
            {
                case "ro": flags |= MountFlags.ReadOnly; break;
                case "rw": flags &= ~MountFlags.ReadOnly; break;
                case "nosuid": flags |= MountFlags.NoSuid; break;
                case "nodev": flags |= MountFlags.NoDev; break;
                case "noexec": flags |= MountFlags.NoExec; break;
                case "sync": flags |= Synchronous; break;
                case "noatime": flags |= MountFlags.NoAtime; break;
                case "nodiratime": flags |= NoDiratime; break;
                case "relatime": flags |= Relatime; break;
                case "bind": flags |= MountFlags.Bind; break;
                case "rbind": flags |= MountFlags.Bind | MountFlags.Recursive; break;
                case "suid" or "dev" or "exec" or "async" or "defaults": break;
                default: data.Add(option); break;
            }
        }

        return (flags, string.Join(',', data));
    }
}
