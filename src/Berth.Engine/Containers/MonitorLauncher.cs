using Berth.Linux;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

/// <summary>
/// Starts a container's monitor: this berth binary again, with the hidden <c>container-monitor</c> command, in a
/// session of its own (so a terminal's hangup or Ctrl-C never reaches it), its output in the bundle's
/// monitor.log and the write end of a sync pipe as fd 3. The monitor outlives the process that started it.
/// </summary>
internal static class MonitorLauncher
{
    public const int SyncFd = 3;

    public static MonitorLaunch Launch(string executable, EngineOptions options, string id, bool waitForAttach, ContainerPaths paths)
    {
        var (read, write) = Pipe.Create();
        using var log = File.Open(paths.MonitorLog, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        List<string> args =
        [
            "--root", options.Root, "--runroot", options.RunRoot, "--storage-driver", options.StorageDriver,
            "container-monitor", id,
        ];
        if (waitForAttach) args.Add("--wait-attach");
        try
        {
            using (write)
            {
                ChildProcess.Spawn(new SpawnOptions
                {
                    Path = executable,
                    Args = args,
                    Stdout = log.SafeFileHandle,
                    Stderr = log.SafeFileHandle,
                    ExtraFds = [write],
                    NewSession = true,
                });
            }
        }
        catch
        {
            read.Dispose();
            throw;
        }
        return new MonitorLaunch(new FileStream(read, FileAccess.Read, bufferSize: 1), paths.MonitorLog);
    }
}
