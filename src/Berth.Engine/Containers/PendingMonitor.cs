using System.Text;
using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// A monitor process started before its container exists (<see cref="ContainerService.PrepareMonitor"/>): it
/// starts and opens the engine while the caller creates the container and mounts its rootfs, then waits on an
/// assignment pipe for the container to run. Passing it in <see cref="StartOptions.Monitor"/> hands it the
/// container; disposing it unassigned closes the pipe, and the monitor exits without doing anything.
/// </summary>
public sealed class PendingMonitor : IDisposable
{
    private readonly Stream _sync;
    private readonly string _log;
    private SafeFileHandle? _assignment;
    private bool _assigned;

    internal PendingMonitor(Stream sync, SafeFileHandle assignment, string log)
    {
        _sync = sync;
        _assignment = assignment;
        _log = log;
    }

    /// <summary>
    /// Gives the monitor its container: its log moves into the bundle (the open descriptor follows the file), and
    /// one line on the assignment pipe names the container. Afterwards the launch owns the sync pipe.
    /// </summary>
    internal MonitorLaunch Assign(string id, bool waitForAttach, ContainerPaths paths)
    {
        ObjectDisposedException.ThrowIf(_assignment is null, this);
        File.Move(_log, paths.MonitorLog, overwrite: true);
        using (var pipe = new FileStream(_assignment, FileAccess.Write, bufferSize: 0))
        {
            pipe.Write(Encoding.UTF8.GetBytes(MonitorAssignment.Format(id, waitForAttach)));
        }
        _assignment = null;
        _assigned = true;
        return new MonitorLaunch(_sync, paths.MonitorLog);
    }

    public void Dispose()
    {
        if (_assigned) return;
        _assignment?.Dispose();
        _assignment = null;
        _sync.Dispose();
        File.Delete(_log);
    }
}
