using Berth.Linux;
using Berth.Runtime.Processes;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// Starts a container's monitor: this berth binary again, with the hidden <c>container-monitor</c> command, in a
/// session of its own (so a terminal's hangup or Ctrl-C never reaches it), its output in the bundle's
/// monitor.log and the write end of a sync pipe as fd 3. The monitor outlives the process that started it.
/// A monitor started ahead of its container (<see cref="Prelaunch"/>) also gets the read end of an assignment
/// pipe as fd 4, and writes to a log beside the bundles until it is assigned.
/// </summary>
internal static class MonitorLauncher
{
    public const int SyncFd = 3;
    public const int AssignmentFd = 4;

    public static MonitorLaunch Launch(string executable, EngineOptions options, string id, bool waitForAttach, ContainerPaths paths)
    {
        List<string> args = [.. GlobalArgs(options), "container-monitor", id];
        if (waitForAttach) args.Add("--wait-attach");
        return new MonitorLaunch(Spawn(executable, args, paths.MonitorLog, assignment: null), paths.MonitorLog);
    }

    /// <summary>
    /// Starts a monitor for the container <paramref name="id"/>, which waits on the assignment pipe, writing to
    /// <paramref name="log"/> (see <see cref="ContainerService.PendingMonitorLog"/>) until it starts.
    /// </summary>
    public static PendingMonitor Prelaunch(string executable, EngineOptions options, string id, string log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var (read, write) = Pipe.Create();
        try
        {
            using (read)
            {
                var sync = Spawn(executable, [.. GlobalArgs(options), "container-monitor", id, "--wait-start"], log, read);
                return new PendingMonitor(id, sync, write, log);
            }
        }
        catch
        {
            write.Dispose();
            File.Delete(log);
            throw;
        }
    }

    private static string[] GlobalArgs(EngineOptions options) =>
        ["--root", options.Root, "--runroot", options.RunRoot, "--storage-driver", options.StorageDriver];

    // Returns the read end of the sync pipe.
    private static SafeFileHandle Spawn(string executable, List<string> args, string logPath, SafeFileHandle? assignment)
    {
        var (read, write) = Pipe.Create();
        using var log = File.Open(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
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
                    ExtraFds = assignment is null ? [write] : [write, assignment],
                    NewSession = true,
                });
            }
        }
        catch
        {
            read.Dispose();
            throw;
        }
        return read;
    }
}
