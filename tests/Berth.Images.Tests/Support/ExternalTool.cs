using System.Diagnostics;
using Xunit.Abstractions;

namespace Berth.Images.Tests.Support;

/// <summary>Runs skopeo, umoci or docker; a missing tool makes the test report why it skipped, loudly.</summary>
internal static class ExternalTool
{
    public static bool Available(string path, ITestOutputHelper output, params string[] probe)
    {
        if (!File.Exists(path))
        {
            Skip(output, $"{path} is not installed");
            return false;
        }
        if (probe.Length > 0 && Run(path, probe) is { ExitCode: not 0 } result)
        {
            Skip(output, $"{path} {string.Join(' ', probe)} failed: {result.Error.Trim().Split('\n')[^1]}");
            return false;
        }
        return true;
    }

    public static void Skip(ITestOutputHelper output, string reason)
    {
        output.WriteLine("SKIPPED: " + reason);
        Console.Error.WriteLine("SKIPPED: " + reason);
    }

    public static (int ExitCode, string Output, string Error) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    public static string Check(string file, params string[] arguments)
    {
        var (code, stdout, stderr) = Run(file, arguments);
        Assert.True(code == 0, $"{file} {string.Join(' ', arguments)} exited {code}: {stderr}");
        return stdout;
    }
}
