using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>
/// One filesystem mount, containerd's common language between snapshotters and runtimes: <see cref="Type"/> is
/// the filesystem type ("overlay", "bind"), <see cref="Source"/> the device or directory, <see cref="Options"/>
/// the fstab-style options; flag options (ro, nosuid, rbind, …) become mount(2) flags and the rest its data.
/// </summary>
public sealed record Mount(string Type, string Source, IReadOnlyList<string> Options)
{
    /// <summary>Mounts this onto <paramref name="target"/> (an existing directory) with mount(2).</summary>
    public void MountTo(string target)
    {
        var (flags, data) = MountOptions.Parse(Options);
        var bind = (flags & Libc.MsBind) != 0;
        if (data.Length >= Environment.SystemPageSize)
        {
            throw BerthException.Invalid(
                $"mount {target}: {data.Length} bytes of options exceed the kernel's page-size limit of {Environment.SystemPageSize}");
        }

        var fstype = bind ? null : Type;
        var mountFlags = bind ? flags & ~Libc.MsRdonly : flags;
        if (Libc.Mount(Source, target, fstype, mountFlags, data.Length == 0 ? null : data) != 0)
        {
            throw Libc.Error($"mount {Type}", target);
        }

        // A bind mount ignores MS_RDONLY and the like on creation; they only take effect on a remount.
        if (bind && (flags & MountOptions.RemountableFlags) != 0)
        {
            var remount = Libc.MsRemount | Libc.MsBind | (flags & MountOptions.RemountableFlags);
            if (Libc.Mount("", target, null, remount, null) != 0)
            {
                var error = Libc.Error("remount", target);
                Libc.Umount2(target, 0);
                throw error;
            }
        }
    }

    /// <summary>Value equality, options included (a record alone would compare the option lists by reference).</summary>
    public bool Equals(Mount? other) =>
        other is not null && Type == other.Type && Source == other.Source && Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Type, Source, Options.Count);

    /// <summary>Unmounts whatever is mounted on <paramref name="target"/> (umount2 without flags).</summary>
    public static void Unmount(string target)
    {
        if (Libc.Umount2(target, 0) != 0) throw Libc.Error("umount", target);
    }
}
