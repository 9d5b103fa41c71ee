namespace Berth.Builder.Context;

/// <summary>The flags of one COPY or ADD instruction that change how files land (ownership already numeric).</summary>
public sealed record CopyOptions
{
    /// <summary><c>--chown</c> user; null keeps 0 for context files and the source owner for <c>--from</c>.</summary>
    public int? Uid { get; init; }

    /// <summary><c>--chown</c> group; null with a <see cref="Uid"/> means the same number, as BuildKit does.</summary>
    public int? Gid { get; init; }

    /// <summary><c>--chmod</c>: octal ("0755") or symbolic ("u+x,go-w").</summary>
    public string? Chmod { get; init; }

    /// <summary><c>--parents</c>: keep each source's path (below a "/./" pivot) under the destination.</summary>
    public bool Parents { get; init; }

    /// <summary>ADD: local archives are unpacked unless <see cref="Unpack"/> is false.</summary>
    public bool IsAdd { get; init; }

    /// <summary>ADD <c>--unpack</c>; null means unpack local archives (remote ones are never unpacked).</summary>
    public bool? Unpack { get; init; }

    /// <summary>ADD <c>--checksum=sha256:…</c> for a URL source.</summary>
    public string? Checksum { get; init; }

    /// <summary>Where unchanged files may be linked from instead of copied, and where the written files are noted.</summary>
    public ReusedFiles? Reuse { get; init; }

    /// <summary>
    /// When set, each regular file copied is hashed as it is read and its digest noted here under the stat taken
    /// before the read, so a cache key taken after the copy stats the sources instead of reading them again.
    /// </summary>
    public ContentHasher? Digests { get; init; }
}
