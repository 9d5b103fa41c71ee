using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>
/// What a build runs on, implemented by the engine: images, root filesystems, the OCI runtime and the cache.
/// <para>
/// Terms: a <em>layer chain</em> is a list of <see cref="BuildLayer"/>s, bottom first; it names a root
/// filesystem. A <em>step</em> turns a chain into the same chain plus at most one layer: <see cref="RunAsync"/>
/// runs a command on it, <see cref="ChangeAsync"/> lets the builder edit it directly (COPY, ADD, WORKDIR). Each
/// step's layer is committed and stored before the call returns, so a later step, a cache hit or the final
/// image can use it; a step that changed nothing returns no layer. <see cref="MountAsync"/> gives a read-only
/// view of a chain for reading (COPY --from). The cache maps a step's key to what it produced.
/// </para>
/// </summary>
public interface IBuildWorker
{
    /// <summary>An image by reference or ID, pulled first when <paramref name="pull"/> says so or it is missing.</summary>
    Task<BaseImage> ResolveImageAsync(string reference, bool pull, IProgress<BuildEvent> progress, CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="step"/> on a writable copy of <paramref name="chain"/>. A non-zero exit is returned,
    /// not thrown, and leaves nothing behind; Berth's own failures (runc missing, a bad mount) throw.
    /// </summary>
    Task<RunResult> RunAsync(IReadOnlyList<BuildLayer> chain, RunStep step, CancellationToken ct);

    /// <summary>
    /// Calls <paramref name="change"/> with a writable copy of <paramref name="chain"/>; mtimes later than
    /// <paramref name="clamp"/> are clamped in the layer.
    /// </summary>
    Task<BuildLayer?> ChangeAsync(IReadOnlyList<BuildLayer> chain, Func<ChangeRoot, CancellationToken, Task> change, DateTimeOffset? clamp,
        CancellationToken ct);

    /// <summary>Mounts <paramref name="chain"/> read-only; disposing the result unmounts it.</summary>
    Task<MountedChain> MountAsync(IReadOnlyList<BuildLayer> chain, CancellationToken ct);

    /// <summary>The step stored under <paramref name="key"/>, or null when absent or its layer is gone.</summary>
    Task<CachedStep?> LookupCacheAsync(Digest key, IReadOnlyList<BuildLayer> parent, CancellationToken ct);

    /// <summary>Records what the step under <paramref name="key"/> made on top of <paramref name="parent"/>.</summary>
    void StoreCache(Digest key, IReadOnlyList<BuildLayer> parent, CachedStep step);

    /// <summary>
    /// True when the cache held no step as the build began and none can be imported, so a lookup can only find
    /// what this build stored itself. The executor then skips reading a COPY's sources for a key no lookup could
    /// match and takes the key after the copy, from the digests the copy took on the way.
    /// </summary>
    bool CacheStartedEmpty { get; }

    /// <summary>
    /// What the COPY recorded under <paramref name="shape"/> last left in its layer, or null when nothing was
    /// recorded or that layer is gone. A later COPY of the same sources links the files that did not change.
    /// </summary>
    CopyRecord? LookupCopy(Digest shape);

    /// <summary>Records the regular files (path → content digest) a COPY wrote as the top layer of <paramref name="chain"/>.</summary>
    void RecordCopy(Digest shape, IReadOnlyList<BuildLayer> chain, IReadOnlyDictionary<string, string> files);
}
