namespace Berth.Cli.Tests.Support;

/// <summary>One tar entry of a generated layer. Whiteouts are plain files named <c>.wh.NAME</c> / <c>.wh..wh..opq</c>.</summary>
public sealed record LayerEntry(
    EntryKind Kind,
    string Path,
    int Mode = 0b110_100_100,
    int Uid = 0,
    int Gid = 0,
    byte[]? Content = null,
    string? LinkTarget = null);
