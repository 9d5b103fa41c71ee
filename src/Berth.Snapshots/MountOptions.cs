namespace Berth.Snapshots;

/// <summary>Splits fstab-style options into mount(2) flags and the data string, as mount(8) does.</summary>
internal static class MountOptions
{
    /// <summary>Flags a bind mount only honours on a remount.</summary>
    public const ulong RemountableFlags = Libc.MsRdonly | Libc.MsNosuid | Libc.MsNodev | Libc.MsNoexec;

    public static (ulong Flags, string Data) Parse(IReadOnlyList<string> options)
    {
        ulong flags = 0;
        var data = new List<string>();
        foreach (var option in options)
        {
            switch (option)
            {
                case "ro": flags |= Libc.MsRdonly; break;
                case "rw": flags &= ~Libc.MsRdonly; break;
                case "nosuid": flags |= Libc.MsNosuid; break;
                case "nodev": flags |= Libc.MsNodev; break;
                case "noexec": flags |= Libc.MsNoexec; break;
                case "sync": flags |= Libc.MsSynchronous; break;
                case "noatime": flags |= Libc.MsNoatime; break;
                case "nodiratime": flags |= Libc.MsNodiratime; break;
                case "relatime": flags |= Libc.MsRelatime; break;
                case "bind": flags |= Libc.MsBind; break;
                case "rbind": flags |= Libc.MsBind | Libc.MsRec; break;
                case "suid" or "dev" or "exec" or "async" or "defaults": break;
                default: data.Add(option); break;
            }
        }

        return (flags, string.Join(',', data));
    }
}
