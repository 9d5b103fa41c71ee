namespace Berth.Builder.Execution;

/// <summary>A read-only mount of a layer chain; disposing it unmounts.</summary>
public sealed class MountedChain(string path, Func<ValueTask> release) : IAsyncDisposable
{
    private Func<ValueTask>? _release = release;

    public string Path { get; } = path;

    public ValueTask DisposeAsync()
    {
        var release = Interlocked.Exchange(ref _release, null);
        return release is null ? ValueTask.CompletedTask : release();
    }
}
