using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Archive;

/// <summary>Where a layer's diffID comes from: a sha256 over every uncompressed byte, and how many there were.</summary>
internal interface IDiffIdSource
{
    long BytesHashed { get; }

    Digest GetDigest();
}

/// <summary>A sha256 fed chunk by chunk from outside a stream: a read-ahead stage's observer (see <see cref="ReadAheadStream"/>).</summary>
internal sealed class RunningDigest : IDiffIdSource, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesHashed { get; private set; }

    public void Append(ReadOnlyMemory<byte> data)
    {
        _hash.AppendData(data.Span);
        BytesHashed += data.Length;
    }

    public Digest GetDigest() => Digest.FromSha256Hash(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
