namespace Berth.Archive.Copy;

/// <summary>How <see cref="TreeArchiver"/> writes a tree.</summary>
internal sealed record TreeArchiveOptions
{
    /// <summary>Mtimes later than this (Unix seconds) are written as this (SOURCE_DATE_EPOCH clamping).</summary>
    public long? ClampTime { get; init; }

    /// <summary>Rewrites entries on their way into the tar (overlayfs whiteouts into OCI ones), when set.</summary>
    public IArchiveEntryConverter? Converter { get; init; }
}
