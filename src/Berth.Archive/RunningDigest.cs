using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Archive;

/// <summary>
/// A layer's diffID as it is computed: a sha256 over every uncompressed byte, and how many there were. Fed by a
/// read-ahead stage's observer (see <see cref="ReadAheadStream"/>) or by <see cref="HashingReadStream"/>.
/// </summary>
internal sealed class RunningDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesHashed { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _hash.AppendData(data);
        BytesHashed += data.Length;
    }

    public Digest GetDigest() => Digest.FromSha256Hash(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
