using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Images.Streams;

/// <summary>A read-only pass-through that hashes what it reads; <see cref="Verify"/> checks the digest at the end.</summary>
internal sealed class HashingReadStream(Stream source, bool leaveOpen) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = source.Read(buffer);
        _hash.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _hash.AppendData(buffer.Span[..n]);
        BytesRead += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public Digest ComputedDigest() => Oci.Digest.FromSha256Hash(_hash.GetCurrentHash());

    /// <summary>Throws when what was read does not hash to <paramref name="expected"/>; <paramref name="what"/> names it.</summary>
    public void Verify(Digest expected, string what)
    {
        var actual = ComputedDigest();
        if (actual != expected) throw new BerthException(ErrorKind.Internal, $"{what}: digest mismatch: expected {expected}, got {actual}");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen) source.Dispose();
        }
        base.Dispose(disposing);
    }
}
