namespace Berth.Engine.Containers;

/// <summary>One line from a monitor: its kind, the pid (started) or exit code (failed), and the error text.</summary>
internal readonly record struct MonitorMessage(string Kind, int Number, string Error)
{
    public bool IsFailure => Kind == MonitorSync.Failed;
}
