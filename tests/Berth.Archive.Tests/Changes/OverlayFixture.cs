using System.Security.Cryptography;
using Berth.Linux;

namespace Berth.Archive.Tests.Changes;

/// <summary>
/// A real overlayfs container root: a lower directory built by the test, an empty upper and work directory,
/// and the writable merged mount, so the kernel itself writes whiteouts and opaque directories into the upper
/// directory. Disposing unmounts what is still mounted and deletes everything.
/// </summary>
internal sealed class OverlayFixture : IDisposable
{
    private readonly List<string> _mounts = [];

    public OverlayFixture()
    {
        Assert.True(Environment.IsPrivilegedProcess, "mounting overlayfs needs root: run the tests as root");
        Parent = Directory.CreateTempSubdirectory("berth-changes-").FullName;
        Lower = Sub("lower");
        Upper = Sub("upper");
        Merged = Sub("merged");
        Sub("work");
    }

    public string Parent { get; }
    public string Lower { get; }
    public string Upper { get; }
    public string Merged { get; }

    public string Sub(string name) => Directory.CreateDirectory(Path.Combine(Parent, name)).FullName;

    public void WriteLower(string relative, string content)
    {
        var path = Path.Combine(Lower, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string M(string relative) => Path.Combine(Merged, relative);

    public void MountWritable() =>
        Mount(Merged, $"lowerdir={Lower},upperdir={Upper},workdir={Path.Combine(Parent, "work")}", MountFlags.None);

    /// <summary>A read-only overlay of <paramref name="lowers"/> (top first) at a new directory.</summary>
    public string MountReadOnly(string name, params string[] lowers)
    {
        var target = Sub(name);
        Mount(target, "lowerdir=" + string.Join(':', lowers), MountFlags.ReadOnly);
        return target;
    }

    public void Unmount(string target)
    {
        Mounts.Unmount(target);
        _mounts.Remove(target);
    }

    private void Mount(string target, string options, MountFlags flags)
    {
        Mounts.Mount("overlay", target, "overlay", flags, options);
        _mounts.Add(target);
    }

    /// <summary>What a merged view shows: type, mode, owner, whole-second mtime, content or link text, user xattrs.</summary>
    public static SortedDictionary<string, string> Describe(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var s = FileStatus.Lstat(path);
            var extra = s.Type switch
            {
                UnixFileType.RegularFile => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))),
                UnixFileType.SymbolicLink => Links.ReadLink(path),
                _ => "",
            };
            var xattrs = string.Join(",", ExtendedAttributes.LList(path).Where(n => n.StartsWith("user.", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(n => n + "=" + Convert.ToHexString(ExtendedAttributes.LGet(path, n)!)));
            result[Path.GetRelativePath(root, path)] =
                $"{s.Type} {Convert.ToString((uint)s.Permissions, 8)} {s.Uid}:{s.Gid} {s.ModificationTime.Seconds} {extra} [{xattrs}]";
        }
        return result;
    }

    public void Dispose()
    {
        foreach (var target in Enumerable.Reverse(_mounts).ToList())
            try { Mounts.Unmount(target, UnmountFlags.Detach); } catch (LinuxIOException) { }
        Directory.Delete(Parent, recursive: true);
    }
}
