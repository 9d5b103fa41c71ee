using System.Text;

namespace Berth.Runtime.Attach;

/// <summary>
/// Writes attach frames to a stream, one at a time: stdin, resizes and close-stdin come from different tasks and
/// must never interleave inside a frame. Header and payload go out in one write.
/// </summary>
public sealed class AttachFrameWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[] _buffer = new byte[64 * 1024];

    public AttachFrameWriter(Stream stream)
    {
        _stream = stream;
    }

    public async ValueTask WriteAsync(AttachFrameType type, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var size = AttachFrame.HeaderSize + payload.Length;
            if (_buffer.Length < size)
                _buffer = new byte[size];
            AttachFrame.WriteHeader(_buffer, type, payload.Length);
            payload.Span.CopyTo(_buffer.AsSpan(AttachFrame.HeaderSize));
            await _stream.WriteAsync(_buffer.AsMemory(0, size), ct);
            await _stream.FlushAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask WriteResizeAsync(ushort rows, ushort cols, CancellationToken ct) =>
        WriteAsync(AttachFrameType.Resize, AttachFrame.ResizePayload(rows, cols), ct);

    public ValueTask WriteExitAsync(int exitCode, CancellationToken ct) =>
        WriteAsync(AttachFrameType.Exit, AttachFrame.ExitPayload(exitCode), ct);

    public ValueTask WriteErrorAsync(string message, CancellationToken ct) =>
        WriteAsync(AttachFrameType.Error, Encoding.UTF8.GetBytes(message), ct);

    public void Dispose() => _gate.Dispose();
}
