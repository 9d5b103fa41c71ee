using System.Buffers;
using System.Text;

namespace Berth.Archive;

/// <summary>
/// Writes a tar whose bytes depend only on the calls made: entries in call order, one fixed mtime, uid/gid 0,
/// no user or group names, no access or change times. Headers are POSIX ustar; a PAX extended header is added
/// only for what ustar cannot hold (long or non-ASCII names, sizes of 8 GiB and more), and its own name is
/// fixed. System.Formats.Tar is not used because its PAX headers embed the process id and the current time.
/// Disposing writes the two zero blocks that end the archive (no record padding, as Go's archive/tar does).
/// </summary>
public sealed class DeterministicTarWriter : IDisposable
{
    private const UnixFileMode DefaultFileMode = (UnixFileMode)0x1A4; // 0644
    private const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0x1ED; // 0755
    private const long MaxOctalSize = (1L << 33) - 1; // 11 octal digits

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly long _mtime;
    private readonly byte[] _header = new byte[TarFields.BlockSize];
    private bool _disposed;

    /// <param name="output">Receives the tar; it need not be seekable.</param>
    /// <param name="modificationTime">The mtime of every entry (whole seconds); the Unix epoch when null.</param>
    /// <param name="leaveOpen">Keep <paramref name="output"/> open after <see cref="Dispose"/>.</param>
    public DeterministicTarWriter(Stream output, DateTimeOffset? modificationTime = null, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _mtime = (modificationTime ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
        if (_mtime < 0) throw new ArgumentOutOfRangeException(nameof(modificationTime), "tar mtimes before 1970 are not written");
    }

    /// <summary>Adds a directory; a trailing '/' is added to the name as tar writers do.</summary>
    public void AddDirectory(string name, UnixFileMode mode = DefaultDirectoryMode) =>
        WriteHeader(name.EndsWith('/') ? name : name + "/", '5', mode, 0, "");

    public void AddFile(string name, byte[] content, UnixFileMode mode = DefaultFileMode)
    {
        WriteHeader(name, '0', mode, content.Length, "");
        _output.Write(content);
        WritePadding(content.Length);
    }

    /// <summary>Adds a file of exactly <paramref name="length"/> bytes read from <paramref name="content"/>.</summary>
    public void AddFile(string name, Stream content, long length, UnixFileMode mode = DefaultFileMode)
    {
        WriteHeader(name, '0', mode, length, "");
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (var left = length; left > 0;)
            {
                var read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0) throw new EndOfStreamException($"tar entry '{name}': content ended {left} bytes short of {length}");
                _output.Write(buffer, 0, read);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        WritePadding(length);
    }

    public void AddSymlink(string name, string target) =>
        WriteHeader(name, '2', (UnixFileMode)0x1FF /* 0777, as lstat reports links */, 0, target);

    /// <summary>Writes the end-of-archive blocks and flushes.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _output.Write(new byte[2 * TarFields.BlockSize]);
        _output.Flush();
        if (!_leaveOpen) _output.Dispose();
    }

    private void WriteHeader(string name, char type, UnixFileMode mode, long size, string linkName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (name.Length == 0 || name.Contains('\0')) throw new ArgumentException("tar entry names must be non-empty and free of NUL", nameof(name));
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size));

        var pax = new List<KeyValuePair<string, string>>();
        var (prefix, shortName) = SplitUstarName(name);
        if (shortName is null) pax.Add(new("path", name));
        if (!FitsUstar(linkName, TarFields.NameLength)) pax.Add(new("linkpath", linkName));
        if (size > MaxOctalSize) pax.Add(new("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (pax.Count > 0) WritePaxHeader(name, pax);

        FillHeader(shortName ?? AsciiOnly(name, TarFields.NameLength), shortName is null ? "" : prefix, type, mode,
            size > MaxOctalSize ? 0 : size, FitsUstar(linkName, TarFields.NameLength) ? linkName : AsciiOnly(linkName, TarFields.NameLength));
        _output.Write(_header);
    }

    private void WritePaxHeader(string name, List<KeyValuePair<string, string>> records)
    {
        var data = new MemoryStream();
        foreach (var (key, value) in records) data.Write(PaxRecord(key, value));
        var baseName = name.TrimEnd('/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        // A fixed directory name, unlike GNU tar's and .NET's "PaxHeaders.<pid>", keeps the bytes reproducible.
        FillHeader(AsciiOnly("PaxHeaders.0/" + baseName, TarFields.NameLength), "", 'x', DefaultFileMode, data.Length, "");
        _output.Write(_header);
        _output.Write(data.GetBuffer(), 0, (int)data.Length);
        WritePadding(data.Length);
    }

    /// <summary>"%d %s=%s\n" where %d counts the whole record, its own digits included.</summary>
    internal static byte[] PaxRecord(string key, string value)
    {
        var body = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 3; // ' ', '=', '\n'
        var length = body + 1;
        while (length != body + length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)
            length = body + length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return Encoding.UTF8.GetBytes($"{length} {key}={value}\n");
    }

    private void FillHeader(string name, string prefix, char type, UnixFileMode mode, long size, string linkName)
    {
        var h = _header.AsSpan();
        h.Clear();
        Encoding.ASCII.GetBytes(name, h.Slice(TarFields.NameOffset, TarFields.NameLength));
        TarFields.TryWriteOctal(h.Slice(TarFields.ModeOffset, TarFields.IdLength), (long)mode & 0xFFF);
        TarFields.TryWriteOctal(h.Slice(TarFields.UidOffset, TarFields.IdLength), 0);
        TarFields.TryWriteOctal(h.Slice(TarFields.GidOffset, TarFields.IdLength), 0);
        TarFields.TryWriteOctal(h.Slice(TarFields.SizeOffset, TarFields.NumberLength), size);
        if (!TarFields.TryWriteOctal(h.Slice(TarFields.MtimeOffset, TarFields.NumberLength), _mtime))
            throw new ArgumentOutOfRangeException(nameof(_mtime), "mtime does not fit a ustar header");
        h[TarFields.TypeOffset] = (byte)type;
        Encoding.ASCII.GetBytes(linkName, h.Slice(TarFields.LinkNameOffset, TarFields.NameLength));
        "ustar\000"u8.CopyTo(h[TarFields.MagicOffset..]);
        TarFields.TryWriteOctal(h.Slice(TarFields.DevMajorOffset, TarFields.IdLength), 0);
        TarFields.TryWriteOctal(h.Slice(TarFields.DevMinorOffset, TarFields.IdLength), 0);
        Encoding.ASCII.GetBytes(prefix, h.Slice(TarFields.PrefixOffset, TarFields.PrefixLength));
        // ustar: six octal digits, NUL, space.
        TarFields.TryWriteOctal(h.Slice(TarFields.ChecksumOffset, 7), TarFields.Checksum(h));
        h[TarFields.ChecksumOffset + 7] = (byte)' ';
    }

    /// <summary>ustar's name/prefix split: the name must fit 100 bytes, or split at a '/' into 155 + 100.</summary>
    private static (string Prefix, string? Name) SplitUstarName(string name)
    {
        if (FitsUstar(name, TarFields.NameLength)) return ("", name);
        if (!FitsUstar(name, TarFields.PrefixLength + 1 + TarFields.NameLength)) return ("", null);
        for (var slash = name.IndexOf('/'); slash >= 0; slash = name.IndexOf('/', slash + 1))
        {
            if (slash > TarFields.PrefixLength) break;
            if (slash > 0 && name.Length - slash - 1 is > 0 and <= TarFields.NameLength) return (name[..slash], name[(slash + 1)..]);
        }
        return ("", null);
    }

    private static bool FitsUstar(string text, int length) => text.Length <= length && Ascii.IsValid(text);

    private static string AsciiOnly(string text, int length)
    {
        var builder = new StringBuilder(Math.Min(text.Length, length));
        foreach (var c in text)
        {
            if (builder.Length == length) break;
            builder.Append(char.IsAscii(c) && c != '\0' ? c : '_');
        }
        return builder.ToString();
    }

    private void WritePadding(long size)
    {
        var pad = (int)((TarFields.BlockSize - size % TarFields.BlockSize) % TarFields.BlockSize);
        if (pad > 0) _output.Write(new byte[pad]);
    }
}
