using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Berth.Builder.Execution;
using Berth.Oci;

namespace Berth.Builder.Tests.Execution;

/// <summary>
/// A build worker without runc or snapshots: images from a table, RUN steps recorded and given a layer named
/// by their argv, filesystem changes made in a temporary directory and named by what they wrote, the cache a
/// dictionary. Enough to test what the executor decides: order, keys, configs and history.
/// </summary>
internal sealed class InMemoryBuildWorker : IBuildWorker, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("berth-build-worker-").FullName;
    private readonly ConcurrentDictionary<Digest, CachedStep> _cache = new();
    private int _lookups;

    public Dictionary<string, BaseImage> Images { get; } = [];
    public ConcurrentQueue<RunStep> Runs { get; } = new();
    /// <summary>Called for each RUN; returns its exit code. May block to test concurrency.</summary>
    public Func<RunStep, Task<int>> OnRun { get; set; } = _ => Task.FromResult(0);

    public Task<BaseImage> ResolveImageAsync(string reference, bool pull, IProgress<BuildEvent> progress, CancellationToken ct) =>
        Images.TryGetValue(reference, out var image) ? Task.FromResult(image) : throw BerthException.NotFound($"No such image: {reference}");

    public async Task<RunResult> RunAsync(IReadOnlyList<BuildLayer> chain, RunStep step, CancellationToken ct)
    {
        Runs.Enqueue(step);
        var code = await OnRun(step).ConfigureAwait(false);
        return new RunResult(code, code == 0 ? Layer("run:" + string.Join(' ', step.Args)) : null);
    }

    public async Task<BuildLayer?> ChangeAsync(IReadOnlyList<BuildLayer> chain, Func<ChangeRoot, CancellationToken, Task> change, DateTimeOffset? clamp, CancellationToken ct)
    {
        var rootfs = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(rootfs);
        await change(new ChangeRoot(rootfs, null), ct).ConfigureAwait(false);
        var files = Directory.EnumerateFileSystemEntries(rootfs, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return null;
        var text = string.Join('\n', files.Select(f => Path.GetRelativePath(rootfs, f) + (File.Exists(f) ? ":" + File.ReadAllText(f) : "/")));
        return Layer(text);
    }

    public Task<MountedChain> MountAsync(IReadOnlyList<BuildLayer> chain, CancellationToken ct)
    {
        var path = Path.Combine(_scratch, "view-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return Task.FromResult(new MountedChain(path, () => ValueTask.CompletedTask));
    }

    public Task<CachedStep?> LookupCacheAsync(Digest key, IReadOnlyList<BuildLayer> parent, CancellationToken ct)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(_cache.TryGetValue(key, out var step) ? step : null);
    }

    public void StoreCache(Digest key, IReadOnlyList<BuildLayer> parent, CachedStep step) => _cache[key] = step;

    /// <summary>What the executor is told about the cache at the start; false makes it look up every step.</summary>
    public bool CacheStartedEmpty { get; set; }

    /// <summary>How many lookups the executor made.</summary>
    public int Lookups => _lookups;

    /// <summary>No layer directories here, so no COPY records either.</summary>
    public CopyRecord? LookupCopy(Digest shape) => null;

    public void RecordCopy(Digest shape, IReadOnlyList<BuildLayer> chain, IReadOnlyDictionary<string, string> files)
    {
    }

    public static BuildLayer Layer(string content)
    {
        var digest = Digest.FromSha256Hash(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return new BuildLayer(digest, new Descriptor { MediaType = MediaTypes.DockerLayer, Digest = digest, Size = content.Length });
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
