using Berth.Linux;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Processes;

/// <summary>Spawns a process with its stdout on a pipe and collects output and exit status.</summary>
internal static class SpawnRunner
{
    public const string Busybox = "/bin/busybox";

    public static async Task<(ExitStatus Status, string Output)> RunAsync(ChildReaper reaper, SpawnOptions options)
    {
        var (read, write) = Pipe.Create();
        int pid;
        using (write)
        {
            pid = ChildProcess.Spawn(options with { Stdout = write });
        }

        await using var stream = new FileStream(read, FileAccess.Read, 1);
        using var reader = new StreamReader(stream);
        var output = await reader.ReadToEndAsync();
        var status = await reaper.WaitAsync(pid, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return (status, output);
    }

    public static Task<(ExitStatus Status, string Output)> ShellAsync(ChildReaper reaper, string script) =>
        RunAsync(reaper, new SpawnOptions { Path = Busybox, Args = ["sh", "-c", script] });
}
