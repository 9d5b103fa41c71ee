using Berth.Oci;

namespace Berth.Engine.Builds;

/// <summary>
/// <c>builder/copies/&lt;shape&gt;.json</c>: the chain whose top layer a COPY made and the content digest of each
/// regular file it wrote there, by path in the root filesystem.
/// </summary>
internal sealed class CopyRecordFile
{
    public Digest Chain { get; set; }

    public Dictionary<string, string> Files { get; set; } = [];
}
