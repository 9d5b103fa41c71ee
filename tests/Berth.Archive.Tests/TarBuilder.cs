using System.Formats.Tar;
using System.Text;

namespace Berth.Archive.Tests;

/// <summary>
/// Builds test layers with System.Formats.Tar's TarWriter, plus raw PAX headers for what TarWriter cannot
/// express (binary xattr values, nanosecond times): it decodes and re-encodes PAX values as UTF-8 text.
/// </summary>
internal sealed class TarBuilder
{
    private static readonly DateTimeOffset DefaultTime = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);
    private readonly MemoryStream _stream = new();
    private readonly TarWriter _writer;

    public TarBuilder() => _writer = new TarWriter(_stream, TarEntryFormat.Pax, leaveOpen: true);

    public TarBuilder File(string name, string content, UnixFileMode mode = (UnixFileMode)0x1A4, int uid = 0, int gid = 0) =>
        File(name, Encoding.UTF8.GetBytes(content), mode, uid, gid);

    public TarBuilder File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0x1A4, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) }, mode, uid, gid);

    public TarBuilder Directory(string name, UnixFileMode mode = (UnixFileMode)0x1ED, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.Directory, name), mode, uid, gid);

    public TarBuilder Symlink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target }, (UnixFileMode)0x1FF, 0, 0);

    public TarBuilder HardLink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target }, (UnixFileMode)0x1A4, 0, 0);

    public TarBuilder Device(string name, TarEntryType type, int major, int minor, UnixFileMode mode = (UnixFileMode)0x1B6) =>
        Add(type == TarEntryType.Fifo
            ? new PaxTarEntry(type, name)
            : new PaxTarEntry(type, name) { DeviceMajor = major, DeviceMinor = minor }, mode, 0, 0);

    /// <summary>A ustar entry preceded by a hand-written PAX header whose values are raw bytes.</summary>
    public TarBuilder Raw(char type, string name, byte[] content, UnixFileMode mode, params (string Key, byte[] Value)[] pax)
    {
        var records = new MemoryStream();
        foreach (var (key, value) in pax) records.Write(PaxRecord(key, value));
        _stream.Write(Header("PaxHeaders.0/x", 'x', records.Length, (UnixFileMode)0x1A4));
        _stream.Write(Pad(records.ToArray()));
        _stream.Write(Header(name, type, content.Length, mode));
        _stream.Write(Pad(content));
        return this;
    }

    /// <summary>The finished archive: entries, then the end-of-archive blocks TarWriter writes on dispose.</summary>
    public byte[] Build()
    {
        _writer.Dispose();
        return _stream.ToArray();
    }

    private TarBuilder Add(PaxTarEntry entry, UnixFileMode mode, int uid, int gid)
    {
        entry.Mode = mode;
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = DefaultTime;
        _writer.WriteEntry(entry);
        return this;
    }

    public static byte[] PaxRecord(string key, byte[] value)
    {
        var body = Encoding.UTF8.GetByteCount(key) + value.Length + 3;
        var length = body + 1;
        while (length != body + length.ToString().Length) length = body + length.ToString().Length;
        return [.. Encoding.ASCII.GetBytes($"{length} {key}="), .. value, (byte)'\n'];
    }

    private static byte[] Header(string name, char type, long size, UnixFileMode mode)
    {
        var h = new byte[512];
        Encoding.UTF8.GetBytes(name).CopyTo(h, 0);
        Octal(h, 100, 8, (long)mode);
        Octal(h, 108, 8, 0);
        Octal(h, 116, 8, 0);
        Octal(h, 124, 12, size);
        Octal(h, 136, 12, 1_600_000_000);
        h[156] = (byte)type;
        "ustar\000"u8.CopyTo(h.AsSpan(257));
        for (var i = 148; i < 156; i++) h[i] = (byte)' ';
        var sum = h.Sum(b => (long)b);
        Octal(h, 148, 7, sum);
        return h;
    }

    private static void Octal(byte[] h, int offset, int length, long value) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0").CopyTo(h, offset);

    private static byte[] Pad(byte[] data) => [.. data, .. new byte[(512 - data.Length % 512) % 512]];
}
