using System.Text.Json;
using Berth.Builder.Execution;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Builds;

internal sealed partial class BuildWorker
{
    /// <summary>
    /// The record under <paramref name="shape"/>, when its chain's snapshot is still committed. A missing or
    /// damaged record only means every file is copied again.
    /// </summary>
    public CopyRecord? LookupCopy(Digest shape)
    {
        CopyRecordFile? saved;
        try
        {
            saved = JsonSerializer.Deserialize(File.ReadAllBytes(CopyRecordPath(shape)), CopyRecordJsonContext.Default.CopyRecordFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
        if (saved is null) return null;
        var chain = saved.Chain.ToString();
        if (_snapshotter.Stat(chain) is not { Kind: SnapshotKind.Committed }) return null;
        return OwnDirectory(chain) is { } directory ? new CopyRecord(directory, saved.Files) : null;
    }

    /// <summary>Replaces the record under <paramref name="shape"/> (temp and rename; a lost record costs only a full copy).</summary>
    public void RecordCopy(Digest shape, IReadOnlyList<BuildLayer> chain, IReadOnlyDictionary<string, string> files)
    {
        if (TopChain(chain) is not { } top) return;
        var record = new CopyRecordFile { Chain = top, Files = new Dictionary<string, string>(files, StringComparer.Ordinal) };
        Storage.ReplaceableFile.Write(CopyRecordPath(shape), JsonSerializer.SerializeToUtf8Bytes(record, CopyRecordJsonContext.Default.CopyRecordFile));
    }

    private string CopyRecordPath(Digest shape) => Path.Combine(_layout.Root, "builder", "copies", shape.Encoded + ".json");

    /// <summary>The directory holding a committed snapshot's own layer: the first lowerdir of its overlay, or its bind source.</summary>
    private string? OwnDirectory(string key)
    {
        var mount = _snapshotter.Mounts(key).FirstOrDefault();
        if (mount is null) return null;
        if (mount.Type != "overlay") return mount.Source;
        var lower = mount.Options.FirstOrDefault(o => o.StartsWith("lowerdir=", StringComparison.Ordinal));
        return lower?["lowerdir=".Length..].Split(':')[0];
    }
}
