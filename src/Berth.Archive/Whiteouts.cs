namespace Berth.Archive;

/// <summary>
/// OCI image-spec layer.md "Whiteouts" names and their overlayfs form (kernel Documentation/filesystems/
/// overlayfs.rst: a whiteout is a character device 0:0; an opaque directory carries trusted.overlay.opaque=y).
/// </summary>
internal static class Whiteouts
{
    public const string Prefix = ".wh.";
    public const string MetaPrefix = ".wh..wh.";
    public const string Opaque = ".wh..wh..opq";
    public const string OpaqueXattr = "trusted.overlay.opaque";
    public static ReadOnlySpan<byte> OpaqueValue => "y"u8;
}
