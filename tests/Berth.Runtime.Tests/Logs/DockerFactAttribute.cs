using System.Diagnostics;

namespace Berth.Runtime.Tests.Logs;

/// <summary>
/// A differential test against a running Docker daemon with the busybox image present. Berth never starts dockerd
/// or pulls for a test: without either, the test is skipped with the reason.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public const string Docker = "/usr/local/bin/docker";

    public DockerFactAttribute()
    {
        if (!Succeeds("info"))
            Skip = $"SKIPPED LOUDLY: `{Docker} info` failed, no Docker daemon to compare the json-file log with";
        else if (!Succeeds("image", "inspect", "busybox"))
            Skip = "SKIPPED LOUDLY: the busybox image is not present in Docker and tests do not pull";
    }

    private static bool Succeeds(params string[] args)
    {
        if (!File.Exists(Docker))
            return false;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Docker, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            if (!p.WaitForExit(15_000))
            {
                p.Kill(entireProcessTree: true);
                return false;
            }
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
