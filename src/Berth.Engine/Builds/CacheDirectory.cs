using System.Text.Json;
using Berth.Content;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Engine.Builds;

/// <summary>
/// A build cache exported to a directory (<c>--cache-to type=local,dest=DIR</c>) and read back
/// (<c>--cache-from type=local,src=DIR</c>), so a cache moves between machines or CI runs: an OCI image layout
/// (<c>oci-layout</c>, <c>blobs/sha256/…</c>) holding the step layers, and <c>berth-cache.json</c> mapping step
/// keys to them. Exports merge with what the directory already holds; the index is replaced atomically.
/// </summary>
internal sealed class CacheDirectory
{
    private const string IndexFile = "berth-cache.json";
    private readonly string _path;
    private readonly Dictionary<Digest, CacheDirectoryEntry> _entries;

    private CacheDirectory(string path, Dictionary<Digest, CacheDirectoryEntry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static CacheDirectory Open(string path, bool mustExist)
    {
        var index = Path.Combine(path, IndexFile);
        if (!File.Exists(index))
        {
            if (mustExist) throw BerthException.NotFound($"cache source {path}: no {IndexFile} (not a berth build cache export)");
            return new CacheDirectory(path, []);
        }
        CacheDirectoryIndex? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(File.ReadAllBytes(index), CacheDirectoryJsonContext.Default.CacheDirectoryIndex);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"cache source {path}: {IndexFile} is not valid: {e.Message}");
        }
        return new CacheDirectory(path, (parsed?.Entries ?? []).ToDictionary(e => e.Key));
    }

    public CacheDirectoryEntry? Find(Digest key) => _entries.GetValueOrDefault(key);

    /// <summary>The blob of <paramref name="layer"/>, checked against its digest as it is read.</summary>
    public Stream OpenBlob(Descriptor layer)
    {
        var file = BlobPath(layer.Digest);
        if (!File.Exists(file)) throw BerthException.NotFound($"cache source {_path}: blob {layer.Digest} is missing");
        return File.OpenRead(file);
    }

    public async Task AddAsync(CacheDirectoryEntry entry, IContentProvider content, CancellationToken ct)
    {
        if (entry.Layer is { } layer && !File.Exists(BlobPath(layer.Digest)))
        {
            var target = BlobPath(layer.Digest);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            await using (var source = content.OpenRead(layer.Digest))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await source.CopyToAsync(file, ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        _entries[entry.Key] = entry;
    }

    public void Save()
    {
        Directory.CreateDirectory(_path);
        File.WriteAllText(Path.Combine(_path, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var index = new CacheDirectoryIndex { Entries = [.. _entries.Values.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal)] };
        var target = Path.Combine(_path, IndexFile);
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(index, CacheDirectoryJsonContext.Default.CacheDirectoryIndex));
        Durability.FsyncPath(temp);
        File.Move(temp, target, overwrite: true);
    }

    private string BlobPath(Digest digest) => Path.Combine(_path, "blobs", digest.Algorithm, digest.Encoded);
}
