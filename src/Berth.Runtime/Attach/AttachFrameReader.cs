using System.Buffers.Binary;
using Berth.Oci;

namespace Berth.Runtime.Attach;

/// <summary>
/// Reads attach frames from a stream. A frame cut off by end of stream, a header with non-zero reserved bytes, an
/// unknown type or a length over the limit is an error, never a guess: the peer is broken or hostile.
/// </summary>
public sealed class AttachFrameReader
{
    private readonly Stream _stream;
    private readonly int _maxPayload;
    private readonly byte[] _header = new byte[AttachFrame.HeaderSize];
    private byte[] _payload = new byte[4096];

    public AttachFrameReader(Stream stream, int maxPayload = AttachFrame.DefaultMaxPayload)
    {
        _stream = stream;
        _maxPayload = maxPayload;
    }

    /// <summary>
    /// The next frame, or null at a clean end of stream (between frames). The payload is only valid until the
    /// next call: the buffer is reused.
    /// </summary>
    public async ValueTask<AttachFrame?> ReadAsync(CancellationToken ct)
    {
        var got = await FillAsync(_header, ct);
        if (got == 0)
            return null;
        if (got < AttachFrame.HeaderSize)
            throw BerthException.Invalid($"truncated attach frame header: {got} of {AttachFrame.HeaderSize} bytes");
        var type = _header[0];
        if (_header[1] != 0 || _header[2] != 0 || _header[3] != 0 || type > (byte)AttachFrameType.Request)
            throw BerthException.Invalid($"invalid attach frame header {Convert.ToHexString(_header)}");
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        if (length > _maxPayload)
            throw BerthException.Invalid($"attach frame length {length} exceeds the limit of {_maxPayload} bytes");
        if (_payload.Length < length)
            _payload = new byte[Math.Max(length, _payload.Length * 2)];
        var payload = _payload.AsMemory(0, (int)length);
        got = await FillAsync(payload, ct);
        if (got < length)
            throw BerthException.Invalid($"truncated attach frame: {got} of {length} payload bytes");
        return new AttachFrame((AttachFrameType)type, payload);
    }

    private async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer[total..], ct);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }
}
