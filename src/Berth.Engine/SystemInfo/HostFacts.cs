using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Berth.Linux;

namespace Berth.Engine.SystemInfo;

/// <summary>Facts read from the host for <c>info</c>; each falls back to a plain value rather than failing.</summary>
internal static class HostFacts
{
    public static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string? RuntimeVersion(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return null;
            var first = process.StandardOutput.ReadLine();
            process.WaitForExit(5000);
            return first?.Replace("runc version ", "", StringComparison.Ordinal).Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static string KernelVersion() => ReadFirstLine("/proc/sys/kernel/osrelease") ?? "unknown";

    public static string OperatingSystem()
    {
        foreach (var line in ReadLines("/etc/os-release"))
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) return line["PRETTY_NAME=".Length..].Trim('"');
        return "Linux";
    }

    public static long MemoryTotal()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var kb = line["MemTotal:".Length..].Trim().Split(' ')[0];
            return long.TryParse(kb, out var value) ? value * 1024 : 0;
        }
        return 0;
    }

    /// <summary>The filesystem type of the mount holding <paramref name="path"/> (longest mount point prefix).</summary>
    public static string FilesystemOf(string path)
    {
        var best = ("", "unknown");
        foreach (var mount in MountInfo.Read())
        {
            var point = mount.MountPoint;
            var inside = path == point || path.StartsWith(point.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (inside && point.Length >= best.Item1.Length) best = (point, mount.FilesystemType);
        }
        return best.Item2 == "ext4" ? "extfs" : best.Item2;
    }

    /// <summary>A stable ID for this state root, derived from its path and the machine's id.</summary>
    public static string EngineId(string root)
    {
        var machine = ReadFirstLine("/etc/machine-id") ?? Environment.MachineName;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(machine + "\n" + root));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string? ReadFirstLine(string path) => ReadLines(path).FirstOrDefault()?.Trim();

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
