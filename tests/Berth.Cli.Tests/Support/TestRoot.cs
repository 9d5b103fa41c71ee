using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Cli.Tests.Support;

/// <summary>
/// A fresh temp directory per test: <c>root/</c> and <c>run/</c> for berth's state, <c>work/</c> for inputs.
/// Dispose unmounts whatever is mounted below it (deepest first, found in /proc/self/mountinfo) and deletes it.
/// </summary>
public sealed class TestRoot : IDisposable
{
    /// <summary>All test roots live here, so escape checks can scan it.</summary>
    public static readonly string Parent = Path.Combine(Path.GetTempPath(), "berth-cli-tests");

    public TestRoot()
    {
        Dir = Path.Combine(Parent, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(StateRoot);
        Directory.CreateDirectory(RunRoot);
        Directory.CreateDirectory(Work);
        Berth = new BerthRunner(RepoPaths.Binary, StateRoot, RunRoot);
    }

    public string Dir { get; }
    public string StateRoot => Path.Combine(Dir, "root");
    public string RunRoot => Path.Combine(Dir, "run");
    public string Work => Path.Combine(Dir, "work");
    public BerthRunner Berth { get; }

    /// <summary>A path under work/ (not created).</summary>
    public string WorkPath(string name) => Path.Combine(Work, name);

    public void Dispose()
    {
        foreach (var mount in MountsUnder(Dir))
            umount2(mount, MntDetach);
        if (Directory.Exists(Dir))
            Directory.Delete(Dir, recursive: true);
        HostNetworkLeftovers.Remove(StateRoot);
    }

    /// <summary>Mount points at or below <paramref name="dir"/>, deepest first.</summary>
    public static List<string> MountsUnder(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        return File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => Unescape(l.Split(' ')[4]))
            .Where(m => m == dir || m.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .ToList();
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\'))
            return s;
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length)
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
                sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private const int MntDetach = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int umount2(string target, int flags);
}
