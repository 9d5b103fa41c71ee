using System.Collections;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Engine.Json;

namespace Berth.Engine.Builds;

/// <summary>
/// The file digests a build's content hashes computed, by stat data, kept between builds of the same context
/// (<c>builder/file-digests/&lt;hash of the context path&gt;.json</c>) so an unchanged context is stat-ed, not
/// read. Only the entries this build looked up or added are saved: the file tracks the context as it is now.
/// </summary>
internal sealed class FileDigestCache : IDictionary<string, string>
{
    private readonly ConcurrentDictionary<string, string> _entries;
    private readonly ConcurrentDictionary<string, string> _touched = new(StringComparer.Ordinal);
    private readonly string _file;
    private readonly int _loaded;
    private volatile bool _added;

    private FileDigestCache(string file, ConcurrentDictionary<string, string> entries)
    {
        _file = file;
        _entries = entries;
        _loaded = entries.Count;
    }

    public static FileDigestCache Load(string stateRoot, string contextRoot)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(contextRoot))))[..32];
        var file = Path.Combine(stateRoot, "builder", "file-digests", name + ".json");
        var entries = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (JsonSerializer.Deserialize(File.ReadAllBytes(file), EngineJsonContext.Default.DictionaryStringString) is { } saved)
                foreach (var (key, value) in saved) entries[key] = value;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // A missing or damaged cache only costs reading the files again.
        }
        return new FileDigestCache(file, entries);
    }

    /// <summary>
    /// Writes the touched entries (temp and rename; a cache needs no fsync), unless they are exactly what was
    /// loaded: an unchanged context's rebuild writes nothing.
    /// </summary>
    public void Save()
    {
        if (!_added && _touched.Count == _loaded) return;
        Storage.ReplaceableFile.Write(_file, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>(_touched), EngineJsonContext.Default.DictionaryStringString));
    }

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        if (!_entries.TryGetValue(key, out value)) return false;
        _touched[key] = value;
        return true;
    }

    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set
        {
            _added = true;
            _entries[key] = value;
            _touched[key] = value;
        }
    }

    public void Add(string key, string value) => this[key] = value;
    public bool ContainsKey(string key) => _entries.ContainsKey(key);
    public bool Remove(string key) => _entries.TryRemove(key, out _) | _touched.TryRemove(key, out _);
    public ICollection<string> Keys => _entries.Keys;
    public ICollection<string> Values => _entries.Values;
    public int Count => _entries.Count;
    public bool IsReadOnly => false;
    public void Add(KeyValuePair<string, string> item) => this[item.Key] = item.Value;
    public void Clear()
    {
        _entries.Clear();
        _touched.Clear();
    }

    public bool Contains(KeyValuePair<string, string> item) => _entries.TryGetValue(item.Key, out var v) && v == item.Value;
    public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, string>>)_entries).CopyTo(array, arrayIndex);
    public bool Remove(KeyValuePair<string, string> item) => Contains(item) && Remove(item.Key);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
