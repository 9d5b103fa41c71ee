using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>The mount points this process's mount namespace sees, from /proc/self/mountinfo.</summary>
internal static class MountTable
{
    /// <summary>
    /// Throws Conflict when something is mounted at or below <paramref name="path"/>: deleting a snapshot
    /// directory then would fail half way or, worse, empty the mounted filesystem. (Mounts in other namespaces
    /// are invisible here; <see cref="FileTree.Delete"/> stops at mount boundaries for those.)
    /// </summary>
    public static void RequireNothingMountedUnder(string path, string what)
    {
        var prefix = path.TrimEnd('/');
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var point = Unescape(line.Split(' ')[4]);
            if (point == prefix || point.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                throw BerthException.Conflict($"cannot remove {what}: {point} is still mounted");
            }
        }
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as octal escapes (\040 ...).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal)) return field;
        var builder = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
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
}
