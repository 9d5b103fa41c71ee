using System.Text;

namespace Berth.Linux;

/// <summary>
/// The mounts a mount namespace sees, read from a mountinfo file (proc(5)): each line's mount point (field 5) and
/// filesystem type (the first field after the " - " separator).
/// </summary>
public static class MountInfo
{
    public const string OwnNamespace = "/proc/self/mountinfo";

    /// <summary>One mount: where it sits and what it is (ext4, overlay, tmpfs…).</summary>
    public readonly record struct Entry(string MountPoint, string FilesystemType);

    public static IEnumerable<Entry> Read(string mountInfoPath = OwnNamespace)
    {
        foreach (var line in File.ReadLines(mountInfoPath))
        {
            if (Parse(line) is { } entry) yield return entry;
        }
    }

    /// <summary>Whether a mount sits exactly on <paramref name="path"/>.</summary>
    public static bool IsMountPoint(string path) => Read().Any(e => e.MountPoint == path);

    /// <summary>One line, or null when it is not shaped like one.</summary>
    public static Entry? Parse(string line)
    {
        var fields = line.Split(' ');
        if (fields.Length < 8) return null;
        // Optional fields sit between the mount options and the separator, so the type is found after it.
        var separator = Array.IndexOf(fields, "-", 6);
        if (separator < 0 || separator + 1 >= fields.Length) return null;
        return new Entry(Unescape(fields[4]), Unescape(fields[separator + 1]));
    }

    /// <summary>The kernel writes space, tab, newline and backslash in a path as three octal digits (\040).</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal)) return field;
        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }
        return builder.ToString();
    }

    private static bool IsOctal(string field, int start) =>
        start + 3 <= field.Length && field.AsSpan(start, 3).IndexOfAnyExcept("01234567") < 0;
}
