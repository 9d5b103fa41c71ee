using System.Text;
using Berth.Linux;

namespace Berth.Archive;

/// <summary>
/// A forward-only tar reader for layers: ustar, GNU long names (L/K) and PAX extended headers (x), the
/// formats Docker, BuildKit and GNU tar write. It never seeks, so it reads straight from a decompressor.
/// Global PAX headers (g) are skipped, as Docker does. Sparse and multi-volume entries are refused.
/// </summary>
internal sealed class LayerTarReader(Stream source)
{
    // Go's archive/tar caps special headers at 1 MiB as well; more is an attack, not a path.
    private const int MaxSpecialHeaderSize = 1 << 20;

    private readonly byte[] _header = new byte[TarFields.BlockSize];
    private readonly byte[] _skip = new byte[64 * 1024];
    private long _remaining;
    private int _padding;
    private string _current = "";

    /// <summary>The next entry, or null at the end-of-archive block or a clean end of stream.</summary>
    public async ValueTask<LayerTarEntry?> NextAsync(CancellationToken ct)
    {
        await SkipAsync(_remaining + _padding, ct).ConfigureAwait(false);
        _remaining = _padding = 0;
        string? longName = null, longLink = null;
        List<KeyValuePair<string, byte[]>>? pax = null;
        while (true)
        {
            var read = await source.ReadAtLeastAsync(_header, TarFields.BlockSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            if (read == 0 && longName is null && longLink is null && pax is null) return null;
            if (read < TarFields.BlockSize) throw Truncated();
            if (TarFields.IsZeroBlock(_header)) return null;
            VerifyChecksum();
            var flag = (char)_header[TarFields.TypeOffset];
            var size = TarFields.Number(_header.AsSpan(TarFields.SizeOffset, TarFields.NumberLength));
            switch (flag)
            {
                case 'x':
                    pax = PaxRecords.Parse(await ReadSpecialAsync(size, ct).ConfigureAwait(false));
                    continue;
                case 'g':
                    await SkipAsync(Padded(size), ct).ConfigureAwait(false);
                    continue;
                case 'L':
                    longName = Encoding.UTF8.GetString(TarFields.Text(await ReadSpecialAsync(size, ct).ConfigureAwait(false)));
                    continue;
                case 'K':
                    longLink = Encoding.UTF8.GetString(TarFields.Text(await ReadSpecialAsync(size, ct).ConfigureAwait(false)));
                    continue;
            }
            return Build(flag, size, longName, longLink, pax);
        }
    }

    /// <summary>Reads the current entry's content; 0 once it is exhausted.</summary>
    public async ValueTask<int> ReadDataAsync(Memory<byte> buffer, CancellationToken ct)
    {
        if (_remaining == 0) return 0;
        var want = (int)Math.Min(buffer.Length, _remaining);
        var read = await source.ReadAsync(buffer[..want], ct).ConfigureAwait(false);
        if (read == 0) throw Truncated();
        _remaining -= read;
        return read;
    }

    /// <summary>
    /// Reads the current entry's content as <see cref="ReadDataAsync"/> does, but from a read-ahead source hands
    /// out its buffered bytes in place instead of copying them into <paramref name="scratch"/>; the segment is
    /// valid until the next read. Empty once the content is exhausted.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadDataSegmentAsync(Memory<byte> scratch, CancellationToken ct)
    {
        if (_remaining == 0) return ReadOnlyMemory<byte>.Empty;
        if (source is not ReadAheadStream ahead)
        {
            var read = await ReadDataAsync(scratch, ct).ConfigureAwait(false);
            return scratch[..read];
        }
        var segment = await ahead.ReadSegmentAsync((int)Math.Min(int.MaxValue, _remaining), ct).ConfigureAwait(false);
        if (segment.IsEmpty) throw Truncated();
        _remaining -= segment.Length;
        return segment;
    }

    private LayerTarEntry Build(char flag, long size, string? longName, string? longLink, List<KeyValuePair<string, byte[]>>? pax)
    {
        var h = _header.AsSpan();
        var isUstar = h[TarFields.MagicOffset..(TarFields.MagicOffset + 6)].SequenceEqual("ustar\0"u8);
        var name = TarFields.String(h.Slice(TarFields.NameOffset, TarFields.NameLength));
        // Only POSIX ustar has the prefix field; GNU headers keep atime/ctime in those bytes.
        if (isUstar)
        {
            var prefix = TarFields.String(h.Slice(TarFields.PrefixOffset, TarFields.PrefixLength));
            if (prefix.Length > 0) name = prefix + "/" + name;
        }
        name = longName ?? name;
        var linkName = longLink ?? TarFields.String(h.Slice(TarFields.LinkNameOffset, TarFields.NameLength));
        var uid = TarFields.Number(h.Slice(TarFields.UidOffset, TarFields.IdLength));
        var gid = TarFields.Number(h.Slice(TarFields.GidOffset, TarFields.IdLength));
        var mtime = new Timespec(TarFields.Number(h.Slice(TarFields.MtimeOffset, TarFields.NumberLength)), 0);
        Timespec? atime = null;
        var xattrs = new List<KeyValuePair<string, byte[]>>();
        foreach (var (key, value) in pax ?? [])
        {
            switch (key)
            {
                case "path": name = Encoding.UTF8.GetString(value); break;
                case "linkpath": linkName = Encoding.UTF8.GetString(value); break;
                case "size": size = PaxRecords.ParseNumber(value, key); break;
                case "uid": uid = PaxRecords.ParseNumber(value, key); break;
                case "gid": gid = PaxRecords.ParseNumber(value, key); break;
                case "mtime": mtime = PaxRecords.ParseTime(value); break;
                case "atime": atime = PaxRecords.ParseTime(value); break;
                default:
                    if (key.StartsWith("SCHILY.xattr.", StringComparison.Ordinal)) xattrs.Add(new(key["SCHILY.xattr.".Length..], value));
                    else if (key.StartsWith("GNU.sparse.", StringComparison.Ordinal)) throw Unsupported(name, "GNU sparse file");
                    break;
            }
        }
        _current = name;
        var type = flag switch
        {
            '0' or '\0' or '7' => name.EndsWith('/') && flag == '\0' ? LayerEntryType.Directory : LayerEntryType.RegularFile,
            '1' => LayerEntryType.HardLink,
            '2' => LayerEntryType.SymbolicLink,
            '3' => LayerEntryType.CharacterDevice,
            '4' => LayerEntryType.BlockDevice,
            '5' => LayerEntryType.Directory,
            '6' => LayerEntryType.Fifo,
            'S' => throw Unsupported(name, "GNU sparse file"),
            _ => throw Unsupported(name, $"entry type '{EntryNames.Printable(flag.ToString())}'"),
        };
        if (size < 0) throw new InvalidDataException($"tar entry {EntryNames.Quote(name)} has a negative size");
        // Only regular files carry content; like Go's archive/tar, other types' size fields are ignored.
        _remaining = type == LayerEntryType.RegularFile ? size : 0;
        _padding = (int)(Padded(_remaining) - _remaining);
        return new LayerTarEntry
        {
            Name = name,
            Type = type,
            LinkName = linkName,
            Mode = (UnixFileMode)(TarFields.Number(h.Slice(TarFields.ModeOffset, TarFields.IdLength)) & 0xFFF),
            Uid = uid,
            Gid = gid,
            Size = _remaining,
            ModificationTime = mtime,
            AccessTime = atime,
            DeviceMajor = (uint)TarFields.Number(h.Slice(TarFields.DevMajorOffset, TarFields.IdLength)),
            DeviceMinor = (uint)TarFields.Number(h.Slice(TarFields.DevMinorOffset, TarFields.IdLength)),
            Xattrs = xattrs,
        };
    }

    private void VerifyChecksum()
    {
        long stored;
        try
        {
            stored = TarFields.Number(_header.AsSpan(TarFields.ChecksumOffset, TarFields.ChecksumLength));
        }
        catch (InvalidDataException)
        {
            stored = -1;
        }
        // Some historic writers summed signed chars; tar implementations accept either.
        if (stored != TarFields.Checksum(_header) && stored != TarFields.Checksum(_header, signed: true))
            throw new InvalidDataException($"invalid tar header checksum after entry {EntryNames.Quote(_current)}: the input is not a tar or is corrupt");
    }

    private async ValueTask<byte[]> ReadSpecialAsync(long size, CancellationToken ct)
    {
        if (size is < 0 or > MaxSpecialHeaderSize)
            throw new InvalidDataException($"tar extended header of {size} bytes exceeds the {MaxSpecialHeaderSize}-byte limit");
        var data = new byte[size];
        await ReadExactlyAsync(data, ct).ConfigureAwait(false);
        await SkipAsync(Padded(size) - size, ct).ConfigureAwait(false);
        return data;
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken ct)
    {
        if (await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false) < buffer.Length)
            throw Truncated();
    }

    private async ValueTask SkipAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            var chunk = (int)Math.Min(count, _skip.Length);
            await ReadExactlyAsync(_skip.AsMemory(0, chunk), ct).ConfigureAwait(false);
            count -= chunk;
        }
    }

    private static long Padded(long size) => (size + TarFields.BlockSize - 1) / TarFields.BlockSize * TarFields.BlockSize;

    private InvalidDataException Truncated() =>
        new(_current.Length == 0
            ? "truncated tar: the stream ended inside the first header"
            : $"truncated tar: the stream ended in or after entry {EntryNames.Quote(_current)}");

    private static InvalidDataException Unsupported(string name, string what) =>
        new($"tar entry {EntryNames.Quote(name)}: {what} is not supported in layers");
}
