using Berth.Linux;
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
        var bind = flags.HasFlag(MountFlags.Bind) || Type == "bind";
        if (data.Length >= Environment.SystemPageSize)
        {
            throw BerthException.Invalid(
                $"mount {target}: {data.Length} bytes of options exceed the kernel's page-size limit of {Environment.SystemPageSize}");
        }

        try
        {
            if (!bind)
            {
                Mounts.Mount(Source, target, Type, flags, data.Length == 0 ? null : data);
                return;
            }

            Mounts.Mount(Source, target, null, (flags | MountFlags.Bind) & ~MountOptions.RemountableFlags, null);
        }
        catch (LinuxIOException e)
        {
            throw Libc.ToBerth(e);
        }

        // A bind mount ignores MS_RDONLY and the like on creation; they only take effect on a remount.
        if ((flags & MountOptions.RemountableFlags) == 0) return;
        try
        {
            Mounts.Mount(null, target, null, MountFlags.Remount | MountFlags.Bind | (flags & MountOptions.RemountableFlags), null);
        }
        catch (LinuxIOException e)
        {
            Mounts.Unmount(target);
            throw Libc.ToBerth(e);
        }
    }

    /// <summary>Value equality, options included (a record alone would compare the option lists by reference).</summary>
    public bool Equals(Mount? other) =>
        other is not null && Type == other.Type && Source == other.Source && Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Type, Source, Options.Count);

    /// <summary>Unmounts whatever is mounted on <paramref name="target"/> (umount2 without flags).</summary>
    public static void Unmount(string target)
    {
        try
        {
            Mounts.Unmount(target);
        }
        catch (LinuxIOException e)
        {
            throw Libc.ToBerth(e);
        }
    }
}
