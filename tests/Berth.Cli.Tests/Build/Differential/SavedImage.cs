using System.Formats.Tar;
using System.Text.Json;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// What a docker-archive (<c>docker save</c>, <c>berth save</c>) holds for one image: the image config JSON
/// (the only place with the history: <c>docker image inspect</c> does not show it) and the flattened filesystem.
/// </summary>
public sealed class SavedImage
{
    private SavedImage(JsonElement config, IReadOnlyList<HistoryStep> history, SortedDictionary<string, FsEntry> files, int layers)
    {
        Config = config;
        History = history;
        Files = files;
        LayerCount = layers;
    }

    /// <summary>The whole image config document (architecture, config, rootfs, history).</summary>
    public JsonElement Config { get; }

    public IReadOnlyList<HistoryStep> History { get; }

    public SortedDictionary<string, FsEntry> Files { get; }

    public int LayerCount { get; }

    /// <summary>One history row, reduced to what two engines must agree on.</summary>
    public sealed record HistoryStep(string CreatedBy, bool EmptyLayer)
    {
        public override string ToString() => (EmptyLayer ? "[empty] " : "[layer] ") + CreatedBy;
    }

    public static SavedImage Read(string archivePath)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var stream = File.OpenRead(archivePath))
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry() is { } e)
            {
                var name = LayerFlattener.Clean(e.Name);
                if (e.EntryType == TarEntryType.SymbolicLink)
                    links[name] = LayerFlattener.Clean(Path.Combine(Path.GetDirectoryName(name) ?? "", e.LinkName));
                else if (e.DataStream != null)
                {
                    using var ms = new MemoryStream();
                    e.DataStream.CopyTo(ms);
                    files[name] = ms.ToArray();
                }
            }
        }
        byte[] Get(string name)
        {
            name = LayerFlattener.Clean(name);
            for (var hops = 0; links.TryGetValue(name, out var target) && hops < 8; hops++)
                name = target;
            Assert.True(files.TryGetValue(name, out var data), $"{archivePath} has no {name}");
            return data!;
        }

        using var manifest = JsonDocument.Parse(Get("manifest.json"));
        var image = manifest.RootElement[0];
        var config = JsonDocument.Parse(Get(image.GetProperty("Config").GetString()!)).RootElement.Clone();
        var layerNames = image.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList();
        var history = config.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Array
            ? h.EnumerateArray().Select(r => new HistoryStep(
                r.TryGetProperty("created_by", out var c) ? c.GetString() ?? "" : "",
                r.TryGetProperty("empty_layer", out var el) && el.ValueKind == JsonValueKind.True)).ToList()
            : [];
        return new SavedImage(config, history, LayerFlattener.Flatten(layerNames.Select(Get)), layerNames.Count);
    }
}
