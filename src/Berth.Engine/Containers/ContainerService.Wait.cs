using Berth.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth wait</c>: blocks until the container is not running and returns its exit code. A container that
    /// is removed while waited on (<c>--rm</c>) reports the last exit code recorded before it went.
    /// </summary>
    public async Task<int> WaitAsync(string input, CancellationToken ct)
    {
        var container = Get(input);
        var paths = PathsOf(container.Id);
        var delay = 5;
        while (true)
        {
            if (!MonitorAlive(paths))
            {
                var now = Find(container.Id);
                if (now is null) return container.State.ExitCode;
                if (now.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting))
                    return now.State.ExitCode;
                container = now;
            }
            else if (_metadata.Read(t => _containers.ById(t, container.Id)) is { } latest)
            {
                container = latest;
            }
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = Math.Min(delay * 2, 100);
        }
    }

    /// <summary><c>berth rename</c>: the new name must be valid and free.</summary>
    public void Rename(string input, string newName)
    {
        var name = newName.TrimStart('/');
        if (!ValidName.IsMatch(newName)) throw BerthException.Invalid($"Invalid container name ({newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        var container = Get(input);
        if (container.Name == name) throw BerthException.Invalid($"Renaming a container with the same name as its current name");
        _metadata.Write(t =>
        {
            var current = _containers.ById(t, container.Id) ?? throw ContainerLookup.NoSuch(input);
            _containers.SetRecord(t, current.Record with { Name = name });
        });
    }
}
