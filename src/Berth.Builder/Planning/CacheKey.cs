using System.Security.Cryptography;
using System.Text;
using Berth.Oci;

namespace Berth.Builder.Planning;

/// <summary>
/// A step's cache key: the digest of its parent's key and the parts that decide what the step does (the
/// expanded instruction, the environment RUN sees, the digest of the files COPY reads). Parts are
/// length-prefixed so no two lists of parts hash alike.
/// </summary>
public static class CacheKey
{
    public static Digest Next(Digest parent, params ReadOnlySpan<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, parent.ToString());
        foreach (var part in parts) Append(hash, part);
        return Digest.FromSha256Hash(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string part)
    {
        var bytes = Encoding.UTF8.GetBytes(part);
        Span<byte> length = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
