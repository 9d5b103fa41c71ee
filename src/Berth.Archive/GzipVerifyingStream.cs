using System.Buffers.Binary;
using System.IO.Compression;

namespace Berth.Archive;

/// <summary>
/// GZipStream ends quietly when its input is cut short, even mid-member, so a truncated layer would look
/// complete. This stream checks, at the end of the output, that the input ended with a trailer whose ISIZE
/// (RFC 1952 section 2.3.1) matches the length decompressed. The CRC32 beside it needs no second computation:
/// zlib verifies it itself whenever it reaches the trailer, and fails the read when it differs; what zlib does
/// not report is a trailer that never came, which the length check catches. That holds for single-member gzip,
/// which is what every layer writer produces; a concatenated multi-member stream fails the check and is refused.
/// </summary>
internal sealed class GzipVerifyingStream : ForwardReadStream
{
    private readonly GzipTailStream _input;
    private readonly GZipStream _gzip;
    private long _length;
    private bool _verified;

    public GzipVerifyingStream(Stream compressed)
    {
        _input = new GzipTailStream(compressed);
        _gzip = new GZipStream(_input, CompressionMode.Decompress, leaveOpen: false);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Check(buffer, _gzip.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var read = await _gzip.ReadAsync(buffer, ct).ConfigureAwait(false);
        return Check(buffer.Span, read);
    }

    private int Check(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            _length += read;
            return read;
        }
        if (buffer.IsEmpty || _verified) return read;
        var tail = _input.Tail;
        if (_input.Count < 18 || BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != (uint)_length)
            throw new InvalidDataException("gzip stream is truncated or corrupt: its trailer does not match the data");
        _verified = true;
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
