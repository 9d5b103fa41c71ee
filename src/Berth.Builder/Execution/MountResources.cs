namespace Berth.Builder.Execution;

/// <summary>Mounts a step holds while it runs (stages and images it reads), released together afterwards.</summary>
internal sealed class MountResources : IAsyncDisposable
{
    private readonly List<MountedChain> _mounts = [];

    public void Add(MountedChain mount) => _mounts.Add(mount);

    public async ValueTask DisposeAsync()
    {
        foreach (var mount in _mounts) await mount.DisposeAsync().ConfigureAwait(false);
        _mounts.Clear();
    }
}
