using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>A monitor just started: the read end of its sync pipe.</summary>
internal sealed class MonitorLaunch(SafeFileHandle syncPipe, string monitorLog) : IDisposable
{
    public MonitorSync Sync { get; } = new(syncPipe, monitorLog);

    public void Dispose() => Sync.Dispose();
}
