using System.Collections.Concurrent;
using Berth.Oci;

namespace Berth.Builder.Execution;

public sealed partial class BuildExecutor
{
    /// <summary>The parent keys of the steps this build stored (a step's key is derived from its parent's).</summary>
    private readonly ConcurrentDictionary<Digest, byte> _storedParents = new();

    /// <summary>Stores a step keyed on <paramref name="parent"/>, noting that a lookup below that parent may now hit.</summary>
    private void Store(Digest parent, Digest key, IReadOnlyList<BuildLayer> layers, CachedStep step)
    {
        _storedParents.TryAdd(parent, 0);
        _worker.StoreCache(key, layers, step);
    }

    /// <summary>
    /// Whether a lookup for a step keyed on <paramref name="parent"/> could hit. Not with --no-cache, nor when the
    /// cache started empty and this build stored nothing under that parent: every stored key is derived from its
    /// parent's, so none could match. A concurrent build storing the same step meanwhile only costs a miss.
    /// </summary>
    private bool MayBeCached(Digest parent) =>
        !_options.NoCache && (!_worker.CacheStartedEmpty || _storedParents.ContainsKey(parent));
}
