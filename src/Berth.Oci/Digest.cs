using System.Security.Cryptography;

namespace Berth.Oci;

/// <summary>
/// A content digest as the OCI image spec defines it (descriptor.md, "Digests"): <c>algorithm:encoded</c>.
/// Only sha256 and sha512 are accepted because those are the registered algorithms every peer verifies.
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    public string Algorithm { get; }
    public string Encoded { get; }

    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    public static Digest Parse(string value) =>
        TryParse(value, out var digest) ? digest : throw new FormatException($"invalid digest \"{value}\"");

    public static bool TryParse(string? value, out Digest digest)
    {
        digest = default;
        if (string.IsNullOrEmpty(value)) return false;
        var colon = value.IndexOf(':');
        if (colon <= 0) return false;
        var algorithm = value[..colon];
        var encoded = value[(colon + 1)..];
        var expected = algorithm switch { Sha256 => 64, Sha512 => 128, _ => -1 };
        if (expected < 0 || encoded.Length != expected) return false;
        foreach (var c in encoded)
            if (!char.IsAsciiHexDigitLower(c)) return false;
        digest = new Digest(algorithm, encoded);
        return true;
    }

    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new(Sha256, Convert.ToHexStringLower(hash));

    public static Digest Compute(ReadOnlySpan<byte> content) => FromSha256Hash(SHA256.HashData(content));

    public static async Task<Digest> ComputeAsync(Stream content, CancellationToken ct) =>
        FromSha256Hash(await SHA256.HashDataAsync(content, ct).ConfigureAwait(false));

    public bool IsEmpty => Encoded is null;

    /// <summary>The 12-character short form Docker prints for image and layer IDs.</summary>
    public string Short => Encoded[..12];

    public override string ToString() => IsEmpty ? "" : $"{Algorithm}:{Encoded}";
}
