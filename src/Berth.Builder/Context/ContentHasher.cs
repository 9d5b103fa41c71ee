using System.Security.Cryptography;
using System.Text;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// The cache-key digest of what a COPY reads, in the spirit of BuildKit's content checksum: each source's
/// name, then every visible entry's relative path, type, permission bits, link target or device numbers and
/// file content, in byte order. Owners and times are left out, so touching a file keeps the key and editing it
/// changes it. File digests are remembered by (path, size, mtime, ctime, inode, device) in the optional stat cache,
/// which the caller may persist between builds so an unchanged context hashes from metadata alone.
/// </summary>
public sealed class ContentHasher
{
    private readonly IDictionary<string, string> _statCache;
    private readonly Dictionary<SelectedSource, List<SourceEntry>> _walks = new(ReferenceEqualityComparer.Instance);

    public ContentHasher(IDictionary<string, string>? statCache = null)
    {
        _statCache = statCache ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    public Digest Hash(IReadOnlyList<SelectedSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources)
        {
            Append(hash, "source", source.RelativePath, source.KeptPath);
            foreach (var entry in Walk(source))
            {
                var status = entry.Status;
                var mode = Convert.ToString((int)status.Permissions & 0xFFF, 8);
                var detail = status.Type switch
                {
                    UnixFileType.RegularFile => FileDigest(entry),
                    UnixFileType.SymbolicLink => Links.ReadLink(entry.HostPath),
                    UnixFileType.CharacterDevice or UnixFileType.BlockDevice => $"{status.RdevMajor}:{status.RdevMinor}",
                    _ => "",
                };
                Append(hash, entry.RelativePath, ((uint)status.Type).ToString("x", System.Globalization.CultureInfo.InvariantCulture), mode, detail);
            }
        }
        return Digest.FromSha256Hash(hash.GetHashAndReset());
    }

    /// <summary>
    /// The digest this hasher (or the stat cache behind it) took of the file at <paramref name="hostPath"/> with
    /// exactly this stat, or null: the content of a file whose stat moved since is not known.
    /// </summary>
    public string? KnownDigest(string hostPath, FileStatus status) =>
        _statCache.TryGetValue(StatKey(hostPath, status, status.ChangeTime), out var digest) ? digest : null;

    /// <summary>
    /// What <paramref name="source"/> contains, listed once per hasher: a copy that notes digests walks the
    /// sources through here, so the key taken after it hashes exactly the entries copied, with the stats taken
    /// before each was read, and a file edited meanwhile changes the next build's key, not this layer's.
    /// </summary>
    internal List<SourceEntry> Walk(SelectedSource source)
    {
        lock (_walks)
        {
            if (_walks.TryGetValue(source, out var known)) return known;
        }
        var entries = SourceTree.Walk(source);
        lock (_walks) _walks[source] = entries;
        return entries;
    }

    /// <summary>
    /// Notes the digest of the file at <paramref name="hostPath"/> as read after <paramref name="status"/> was
    /// taken: a write racing the read moves the ctime, so a later hash that stats the file anew misses the entry.
    /// </summary>
    internal void Record(string hostPath, FileStatus status, string digest) =>
        _statCache[StatKey(hostPath, status, status.ChangeTime)] = digest;

    private static string StatKey(string hostPath, FileStatus status, Timespec changeTime) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{hostPath}\0{status.Size}\0{status.ModificationTime}\0{changeTime}\0{status.Inode}\0{status.DeviceMajor}:{status.DeviceMinor}");

    private string FileDigest(SourceEntry entry)
    {
        var status = entry.Status;
        var key = StatKey(entry.HostPath, status, entry.ChangeTime);
        if (_statCache.TryGetValue(key, out var cached)) return cached;
        using var input = new FileStream(entry.HostPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var digest = Convert.ToHexStringLower(SHA256.HashData(input));
        // Keyed by the stat taken before reading: a write racing the read moves ctime, so the entry is never hit.
        _statCache[key] = digest;
        return digest;
    }

    // Length-prefixed fields: no choice of names can make two different entries hash alike.
    private static void Append(IncrementalHash hash, params string[] fields)
    {
        Span<byte> length = stackalloc byte[4];
        foreach (var field in fields)
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
    }
}
