using System.Diagnostics;

namespace Berth.Snapshots.Tests;

/// <summary>
/// A fact about the top-directory inode flag (chattr +T); skipped where the temp directory's filesystem does not keep
/// it (tmpfs, btrfs) or e2fsprogs is missing.
/// </summary>
internal sealed class InodeFlagsFactAttribute : FactAttribute
{
    public InodeFlagsFactAttribute()
    {
        var probe = Directory.CreateTempSubdirectory("berth-topdir-probe-").FullName;
        try
        {
            if (Run("chattr", "+T", probe) is null || InodeFlagsOf(probe)?.Contains('T') != true)
                Skip = "the temp directory's filesystem keeps no top-directory flag (chattr +T), or e2fsprogs is missing";
        }
        finally
        {
            Directory.Delete(probe);
        }
    }

    /// <summary>The flag letters lsattr prints for a directory, or null when it cannot read them.</summary>
    public static string? InodeFlagsOf(string directory) => Run("lsattr", "-d", directory)?.Split(' ')[0];

    private static string? Run(string tool, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
