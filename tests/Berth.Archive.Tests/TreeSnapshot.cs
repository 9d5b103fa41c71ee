using System.Security.Cryptography;
using Berth.Linux;

namespace Berth.Archive.Tests;

/// <summary>Everything observable about a tree (lstat, link text, content hash, xattrs), to prove nothing changed.</summary>
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Take(string root, string? exclude = null)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, root, exclude, result);
        return result;
    }

    /// <summary>One file outside any test tree, e.g. /etc/passwd.</summary>
    public static string Describe(string path) =>
        FileStatus.TryLstat(path, out var status, out _) ? DescribeStatus(path, status) : "absent";

    private static void Walk(string root, string path, string? exclude, SortedDictionary<string, string> result)
    {
        var status = FileStatus.Lstat(path);
        result[Path.GetRelativePath(root, path)] = DescribeStatus(path, status);
        if (status.Type != UnixFileType.Directory) return;
        foreach (var child in Directory.EnumerateFileSystemEntries(path))
        {
            if (exclude is not null && child == exclude) continue;
            Walk(root, child, exclude, result);
        }
    }

    private static string DescribeStatus(string path, FileStatus s)
    {
        var extra = s.Type switch
        {
            UnixFileType.RegularFile => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))),
            UnixFileType.SymbolicLink => Links.ReadLink(path),
            _ => "",
        };
        var xattrs = string.Join(",", ExtendedAttributes.LList(path).Order(StringComparer.Ordinal));
        return $"{s.Type} {Convert.ToString((uint)s.Permissions, 8)} {s.Uid}:{s.Gid} ino={s.Inode} n={s.LinkCount} size={s.Size} mtime={s.ModificationTime} {extra} [{xattrs}]";
    }
}
