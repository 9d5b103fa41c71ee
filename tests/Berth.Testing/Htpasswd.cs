using System.Diagnostics;

namespace Berth.Testing;

/// <summary>
/// A bcrypt htpasswd line (the only hash distribution accepts), made by apache2-utils' <c>htpasswd</c> or, failing
/// that, Python's <c>crypt</c> module; null when neither is present, and the test skips saying so.
/// </summary>
public static class Htpasswd
{
    public static string? Line(string user, string password)
    {
        if (File.Exists("/usr/bin/htpasswd"))
            return Run("/usr/bin/htpasswd", ["-nbB", "-C", "5", user, password])?.Trim();
        var hash = Run("python3", ["-W", "ignore", "-c", $"import crypt; print(crypt.crypt('{password}', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=32)))"])?.Trim();
        return hash is { Length: > 0 } && hash.StartsWith('$') ? $"{user}:{hash}" : null;
    }

    private static string? Run(string program, string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
