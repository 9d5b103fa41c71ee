using System.Diagnostics;
using System.Text.Json;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

/// <summary>
/// A bundle with a busybox rootfs and its own runc state root under /tmp; runs one container in the foreground
/// and removes everything when disposed.
/// </summary>
internal sealed class RuncBundle : IDisposable
{
    public static string? RuncPath { get; } =
        new[] { "/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc" }.FirstOrDefault(File.Exists);

    private readonly string _dir = Directory.CreateTempSubdirectory("berth-spec-").FullName;
    private readonly string _id = "berth-spec-" + Guid.NewGuid().ToString("N")[..12];

    public RuncBundle()
    {
        Directory.CreateDirectory(Path.Combine(Rootfs, "bin"));
        File.Copy("/bin/busybox", Path.Combine(Rootfs, "bin", "busybox"));
        foreach (var applet in new[] { "sh", "echo", "true", "id", "cat", "touch", "grep" })
            File.CreateSymbolicLink(Path.Combine(Rootfs, "bin", applet), "busybox");
    }

    public string Rootfs => Path.Combine(_dir, "rootfs");

    public string HostFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static ContainerSpecOptions Options(params string[] args) => new()
    {
        Args = args,
        Env = ["PATH=/bin"],
        HostHardLimits = new Dictionary<string, ulong> { ["nofile"] = HostNoFileHardLimit() },
        HostCapabilities = HostBoundingSet(),
    };

    private static List<string> HostBoundingSet()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
        var mask = ulong.Parse(line[7..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return CapabilityNames.All.Where((_, bit) => (mask & (1UL << bit)) != 0).ToList();
    }

    /// <summary>Writes config.json from <paramref name="spec"/>, runs it, and returns exit code and output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(RuntimeSpec spec)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "config.json"), JsonSerializer.Serialize(spec, RuntimeSpecJsonContext.Default.RuntimeSpec));
        var start = new ProcessStartInfo(RuncPath!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            ArgumentList = { "--root", Path.Combine(_dir, "state"), "run", "--bundle", _dir, _id },
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <paramref name="spec"/> detached, its stdio on /dev/null, then runs <paramref name="process"/> in it.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(RuntimeSpec spec, OciProcess process)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "config.json"), JsonSerializer.Serialize(spec, RuntimeSpecJsonContext.Default.RuntimeSpec));
        var processJson = Path.Combine(_dir, "process.json");
        await File.WriteAllTextAsync(processJson, JsonSerializer.Serialize(process, RuntimeSpecJsonContext.Default.OciProcess));
        var state = Path.Combine(_dir, "state");
        var detached = await RuncAsync("sh", "-c", $"exec '{RuncPath}' --root '{state}' run -d --bundle '{_dir}' {_id} </dev/null >/dev/null 2>&1");
        if (detached.ExitCode != 0) return detached;
        return await RuncAsync(RuncPath!, "--root", state, "exec", "--process", processJson, _id);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RuncAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            using var delete = Process.Start(new ProcessStartInfo(RuncPath!)
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
                ArgumentList = { "--root", Path.Combine(_dir, "state"), "delete", "--force", _id },
            });
            delete?.WaitForExit(30_000);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ulong HostNoFileHardLimit()
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var hard = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
        return hard == "unlimited" ? ulong.MaxValue : ulong.Parse(hard, System.Globalization.CultureInfo.InvariantCulture);
    }
}
