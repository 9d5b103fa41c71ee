using Berth.Linux;
using Berth.Networking;
using Berth.Oci;
using Berth.Runtime.Processes;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Networks;

/// <summary>
/// Runs host tools as children reaped by <paramref name="reaper"/>: in a monitor that is the subreaper's own
/// reaper (anything else would race its waitpid(-1) loop), in a CLI process a per-pid reaper.
/// </summary>
internal sealed class ReapingToolRunner(ChildReaper reaper) : IToolRunner
{
    private static readonly string[] SearchPath = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> args, string? stdin, CancellationToken ct)
    {
        var path = SearchPath.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
            ?? throw new BerthException(ErrorKind.Unavailable, $"{tool} not found: bridge networking needs nftables");
        var (inRead, inWrite) = Pipe.Create();
        var (outRead, outWrite) = Pipe.Create();
        var (errRead, errWrite) = Pipe.Create();
        int pid;
        using (inRead)
        using (outWrite)
        using (errWrite)
        {
            pid = ChildProcess.Spawn(new SpawnOptions { Path = path, Args = args, Stdin = inRead, Stdout = outWrite, Stderr = errWrite });
        }
        // Pipes are read on threads of their own: a monitor's thread pool is small and busy (attach, log pumps),
        // and waiting there for a new pool thread cost a second per tool run.
        var stdout = ReadAllOnThread(outRead);
        var stderr = ReadAllOnThread(errRead);
        using (var writer = new FileStream(inWrite, FileAccess.Write, bufferSize: 0))
        {
            try
            {
                // Batch input is read whole before the tool answers, so a blocking write cannot deadlock.
                if (stdin is not null) writer.Write(System.Text.Encoding.UTF8.GetBytes(stdin));
            }
            catch (IOException)
            {
                // The tool exited without reading its input; its status says why.
            }
        }
        var status = await reaper.WaitAsync(pid, ct).ConfigureAwait(false);
        return new ToolResult(status.DockerExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static Task<string> ReadAllOnThread(SafeFileHandle handle) => Task.Factory.StartNew(() =>
    {
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
