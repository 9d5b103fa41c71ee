using System.Text;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// A monitor process started before its container exists (<see cref="ContainerService.PrepareMonitor"/>), for
/// the container ID it reserves: it starts and opens the engine while the caller creates the container (with
/// <see cref="ContainerService.CreateAsync(Models.ContainerCreateRequest, PendingMonitor?, CancellationToken)"/>)
/// and mounts its rootfs, then waits on an assignment pipe. Passing it in <see cref="StartOptions.Monitor"/>
/// starts the container in it; disposing it unstarted closes the pipe and waits for the monitor to exit.
/// </summary>
public sealed class PendingMonitor : IDisposable
{
    private readonly SafeFileHandle _sync;
    private readonly string _log;
    private SafeFileHandle? _assignment;
    private bool _started;

    internal PendingMonitor(string containerId, SafeFileHandle sync, SafeFileHandle assignment, string log)
    {
        ContainerId = containerId;
        _sync = sync;
        _assignment = assignment;
        _log = log;
    }

    /// <summary>The ID the container created for this monitor gets.</summary>
    public string ContainerId { get; }

    /// <summary>
    /// Lets the monitor start its container: its log moves into the bundle (the open descriptor follows the file)
    /// and one line goes down the assignment pipe. Afterwards the launch owns the sync pipe.
    /// </summary>
    internal MonitorLaunch Start(string id, bool waitForAttach, ContainerPaths paths)
    {
        ObjectDisposedException.ThrowIf(_assignment is null, this);
        if (id != ContainerId)
            throw BerthException.Invalid($"the monitor was prepared for container {ContainerId}, not {id}");
        File.Move(_log, paths.MonitorLog, overwrite: true);
        using (var pipe = new FileStream(_assignment, FileAccess.Write, bufferSize: 0))
        {
            pipe.Write(Encoding.UTF8.GetBytes(MonitorAssignment.Format(waitForAttach)));
        }
        _assignment = null;
        _started = true;
        return new MonitorLaunch(_sync, paths.MonitorLog);
    }

    public void Dispose()
    {
        if (_started || _assignment is null) return;
        _assignment.Dispose();
        _assignment = null;
        // The monitor has the state root's database open; whoever removes the root next must find it gone.
        var buffer = new byte[64];
        try
        {
            while (DescriptorIO.Read(_sync, buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
        _sync.Dispose();
        File.Delete(_log);
    }
}
