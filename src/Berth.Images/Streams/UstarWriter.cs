using System.Text;

namespace Berth.Images.Streams;

/// <summary>
/// A minimal ustar writer with fixed metadata (mtime 0, uid/gid 0, no user names, no PAX headers), so the same
/// inputs always give the same bytes. A stand-in for Berth.Archive's DeterministicTarWriter until it lands;
/// it writes only what layouts need: directories and regular files with names under 256 bytes.
/// </summary>
internal sealed class UstarWriter(Stream output)
{
    private const int Block = 512;
    private readonly byte[] _header = new byte[Block];

    public Task AddDirectoryAsync(string name, int mode, CancellationToken ct) =>
        WriteHeaderAsync(name.EndsWith('/') ? name : name + "/", (byte)'5', 0, mode, ct);

    public async Task AddFileAsync(string name, byte[] content, CancellationToken ct)
    {
        await using var stream = new MemoryStream(content, writable: false);
        await AddFileAsync(name, stream, content.Length, 0b110_100_100, ct).ConfigureAwait(false);
    }

    /// <summary>Copies exactly <paramref name="length"/> bytes; a shorter source is an error, not a short entry.</summary>
    public async Task AddFileAsync(string name, Stream content, long length, int mode, CancellationToken ct)
    {
        await WriteHeaderAsync(name, (byte)'0', length, mode, ct).ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        var left = length;
        while (left > 0)
        {
            var n = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException($"{name}: content ended {left} bytes early");
            await output.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            left -= n;
        }
        if (await content.ReadAsync(buffer.AsMemory(0, 1), ct).ConfigureAwait(false) != 0)
            throw new InvalidDataException($"{name}: content is longer than {length} bytes");
        var pad = (int)((Block - length % Block) % Block);
        if (pad > 0) await output.WriteAsync(new byte[pad], ct).ConfigureAwait(false);
    }

    /// <summary>Writes the two zero blocks that end a tar archive.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await output.WriteAsync(new byte[2 * Block], ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteHeaderAsync(string name, byte type, long size, int mode, CancellationToken ct)
    {
        var header = _header;
        Array.Clear(header);
        var (prefix, shortName) = Split(name);
        Encoding.ASCII.GetBytes(shortName, header.AsSpan(0, 100));
        Octal(header.AsSpan(100, 8), mode);
        Octal(header.AsSpan(108, 8), 0);
        Octal(header.AsSpan(116, 8), 0);
        Octal(header.AsSpan(124, 12), size);
        Octal(header.AsSpan(136, 12), 0);
        header[156] = type;
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        Encoding.ASCII.GetBytes(prefix, header.AsSpan(345, 155));
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header) sum += b;
        Octal(header.AsSpan(148, 7), sum);
        await output.WriteAsync(header, ct).ConfigureAwait(false);
    }

    private static (string Prefix, string Name) Split(string name)
    {
        if (Encoding.ASCII.GetByteCount(name) != name.Length) throw new ArgumentException($"tar name is not ASCII: {name}");
        if (name.Length <= 100) return ("", name);
        var slash = name.LastIndexOf('/', Math.Min(name.Length - 1, 155));
        if (slash <= 0 || name.Length - slash - 1 > 100) throw new ArgumentException($"tar name too long: {name}");
        return (name[..slash], name[(slash + 1)..]);
    }

    // Octal digits, zero padded, NUL terminated; sizes past 8 GiB switch to the base-256 form GNU tar reads.
    private static void Octal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        if (value >= 1L << (3 * digits))
        {
            field.Clear();
            field[0] = 0x80;
            for (var i = field.Length - 1; i > 0 && value > 0; i--, value >>= 8) field[i] = (byte)value;
            return;
        }
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(digits, '0'), field);
        field[digits] = 0;
    }
}
