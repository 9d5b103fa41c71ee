using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Berth.Archive.Copy;

/// <summary>
/// Writes ustar entries that keep owners, modes, times, devices and xattrs, adding a PAX header only for what
/// ustar cannot hold (long or non-ASCII names, large ids or sizes, SCHILY.xattr records with binary values).
/// Nothing in the output depends on the clock or the process: no user names, no atime/ctime, and the PAX
/// header's own name is fixed, so the same headers give the same bytes (DeterministicTarWriter's rule; that
/// writer fixes owners and times, which a copy or a committed layer must keep).
/// </summary>
internal sealed class TarEntryWriter(Stream output)
{
    private const long MaxOctal7 = (1L << 21) - 1;
    private const long MaxOctal11 = (1L << 33) - 1;

    private readonly byte[] _header = new byte[TarFields.BlockSize];
    private readonly byte[] _zeros = new byte[TarFields.BlockSize];

    public async Task WriteAsync(TarHeader header, Stream? content, CancellationToken ct)
    {
        WriteHeaders(header);
        await output.WriteAsync(_header, ct).ConfigureAwait(false);
        if (header.Size == 0) return;
        if (content is null) throw new ArgumentException($"tar entry {EntryNames.Quote(header.Name)} needs content", nameof(content));
        await WriteBodyAsync(header, (buffer, _) => content.ReadAsync(buffer, ct), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a regular file's entry, reading <paramref name="file"/> with pread(2) on the calling thread. An
    /// archive of many small files (a layer) would otherwise pay a thread-pool hop per file, as asynchronous reads
    /// of regular files on Linux are only ever synchronous reads on another thread.
    /// </summary>
    public async Task WriteFileAsync(TarHeader header, SafeFileHandle file, CancellationToken ct)
    {
        WriteHeaders(header);
        await output.WriteAsync(_header, ct).ConfigureAwait(false);
        if (header.Size == 0) return;
        await WriteBodyAsync(header, (buffer, offset) => ValueTask.FromResult(RandomAccess.Read(file, buffer.Span, offset)), ct).ConfigureAwait(false);
    }

    private async Task WriteBodyAsync(TarHeader header, Func<Memory<byte>, long, ValueTask<int>> read, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(1 << 20, header.Size));
        try
        {
            for (long done = 0; done < header.Size;)
            {
                var chunk = (int)Math.Min(buffer.Length, header.Size - done);
                var count = await read(buffer.AsMemory(0, chunk), done).ConfigureAwait(false);
                // A file that shrank while it was read (a running container) is padded with zeros, as GNU tar does;
                // the header's size was already written and the archive must stay well formed.
                if (count == 0)
                {
                    buffer.AsSpan(0, chunk).Clear();
                    count = chunk;
                }
                await output.WriteAsync(buffer.AsMemory(0, count), ct).ConfigureAwait(false);
                done += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var pad = (int)((TarFields.BlockSize - header.Size % TarFields.BlockSize) % TarFields.BlockSize);
        if (pad > 0) await output.WriteAsync(_zeros.AsMemory(0, pad), ct).ConfigureAwait(false);
    }

    /// <summary>The two zero blocks that end an archive (no record padding, as Go's archive/tar writes).</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await output.WriteAsync(_zeros, ct).ConfigureAwait(false);
        await output.WriteAsync(_zeros, ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    private void WriteHeaders(TarHeader h)
    {
        if (h.Name.Length == 0 || h.Name.Contains('\0')) throw new ArgumentException("tar entry names must be non-empty and free of NUL");
        var pax = new MemoryStream();
        var (prefix, shortName) = SplitUstarName(h.Name);
        if (shortName is null) Record(pax, "path", Encoding.UTF8.GetBytes(h.Name));
        var linkFits = FitsUstar(h.LinkName, TarFields.NameLength);
        if (!linkFits) Record(pax, "linkpath", Encoding.UTF8.GetBytes(h.LinkName));
        if (h.Uid > MaxOctal7) Record(pax, "uid", Number(h.Uid));
        if (h.Gid > MaxOctal7) Record(pax, "gid", Number(h.Gid));
        if (h.Size > MaxOctal11) Record(pax, "size", Number(h.Size));
        foreach (var (name, value) in h.Xattrs.OrderBy(x => x.Key, StringComparer.Ordinal))
            Record(pax, "SCHILY.xattr." + name, value);
        if (pax.Length > 0)
        {
            var baseName = h.Name.TrimEnd('/');
            baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
            Fill(Ascii("PaxHeaders.0/" + baseName), "", 'x', (UnixFileMode)0x1A4, 0, 0, pax.Length, 0, "", 0, 0);
            output.Write(_header);
            output.Write(pax.GetBuffer(), 0, (int)pax.Length);
            var pad = (int)((TarFields.BlockSize - pax.Length % TarFields.BlockSize) % TarFields.BlockSize);
            output.Write(_zeros, 0, pad);
        }
        Fill(shortName ?? Ascii(h.Name), shortName is null ? "" : prefix, h.TypeFlag, h.Mode,
            h.Uid > MaxOctal7 ? 0 : h.Uid, h.Gid > MaxOctal7 ? 0 : h.Gid, h.Size > MaxOctal11 ? 0 : h.Size,
            Math.Clamp(h.ModificationTime, 0, MaxOctal11), linkFits ? h.LinkName : Ascii(h.LinkName), h.DeviceMajor, h.DeviceMinor);
    }

    private static byte[] Number(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>"%d %s=%s\n" with the length counting itself; the value is raw bytes (xattrs are binary).</summary>
    private static void Record(MemoryStream pax, string key, byte[] value)
    {
        var body = Encoding.UTF8.GetByteCount(key) + value.Length + 3;
        var length = body + 1;
        while (length != body + Digits(length)) length = body + Digits(length);
        pax.Write(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " "));
        pax.Write(Encoding.UTF8.GetBytes(key + "="));
        pax.Write(value);
        pax.WriteByte((byte)'\n');
    }

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private void Fill(string name, string prefix, char type, UnixFileMode mode, long uid, long gid, long size, long mtime,
        string linkName, uint major, uint minor)
    {
        var h = _header.AsSpan();
        h.Clear();
        Encoding.ASCII.GetBytes(name, h.Slice(TarFields.NameOffset, TarFields.NameLength));
        TarFields.TryWriteOctal(h.Slice(TarFields.ModeOffset, TarFields.IdLength), (long)mode & 0xFFF);
        TarFields.TryWriteOctal(h.Slice(TarFields.UidOffset, TarFields.IdLength), uid);
        TarFields.TryWriteOctal(h.Slice(TarFields.GidOffset, TarFields.IdLength), gid);
        TarFields.TryWriteOctal(h.Slice(TarFields.SizeOffset, TarFields.NumberLength), size);
        TarFields.TryWriteOctal(h.Slice(TarFields.MtimeOffset, TarFields.NumberLength), mtime);
        h[TarFields.TypeOffset] = (byte)type;
        Encoding.ASCII.GetBytes(linkName, h.Slice(TarFields.LinkNameOffset, TarFields.NameLength));
        "ustar\u000000"u8.CopyTo(h[TarFields.MagicOffset..]);
        // Device numbers above 2^21 do not fit ustar; Linux majors are 12 bits and minors 20, so this holds.
        TarFields.TryWriteOctal(h.Slice(TarFields.DevMajorOffset, TarFields.IdLength), major);
        TarFields.TryWriteOctal(h.Slice(TarFields.DevMinorOffset, TarFields.IdLength), minor);
        Encoding.ASCII.GetBytes(prefix, h.Slice(TarFields.PrefixOffset, TarFields.PrefixLength));
        TarFields.TryWriteOctal(h.Slice(TarFields.ChecksumOffset, 7), TarFields.Checksum(h));
        h[TarFields.ChecksumOffset + 7] = (byte)' ';
    }

    private static (string Prefix, string? Name) SplitUstarName(string name)
    {
        if (FitsUstar(name, TarFields.NameLength)) return ("", name);
        if (!FitsUstar(name, TarFields.PrefixLength + 1 + TarFields.NameLength)) return ("", null);
        for (var slash = name.IndexOf('/'); slash >= 0 && slash <= TarFields.PrefixLength; slash = name.IndexOf('/', slash + 1))
            if (slash > 0 && name.Length - slash - 1 is > 0 and <= TarFields.NameLength) return (name[..slash], name[(slash + 1)..]);
        return ("", null);
    }

    private static bool FitsUstar(string text, int length) => text.Length <= length && System.Text.Ascii.IsValid(text);

    /// <summary>A printable stand-in for the ustar field when the real value travels in the PAX header.</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (builder.Length == TarFields.NameLength) break;
            builder.Append(char.IsAscii(c) && c != '\0' ? c : '_');
        }
        return builder.ToString();
    }
}
