using System.Diagnostics;

namespace Berth.Builder.Tests.Context;

/// <summary>Small file-tree builders for the context tests: real files, modes and links in a temp dir.</summary>
internal static class TestFiles
{
    public static string Write(string root, string relative, string content = "x", UnixFileMode? mode = null)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (mode is { } m) File.SetUnixFileMode(path, m);
        return path;
    }

    public static string Dir(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Symlink(string root, string relative, string target)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Runs a tool (tar, xz, ...) and fails the test with its stderr when it fails.</summary>
    public static void Run(string workingDirectory, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {errors}");
    }

    /// <summary>Every path below <paramref name="root"/>, relative, sorted, directories with a trailing '/'.</summary>
    public static string[] List(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p) + (Directory.Exists(p) && !File.GetAttributes(p).HasFlag(FileAttributes.ReparsePoint) ? "/" : ""))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
