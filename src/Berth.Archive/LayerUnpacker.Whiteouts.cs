using Berth.Linux;

namespace Berth.Archive;

internal sealed partial class LayerUnpacker
{
    /// <summary>
    /// Converts OCI whiteouts to overlayfs ones. Each layer is unpacked into its own empty directory and
    /// stacked as an overlay lowerdir, so nothing below is deleted here: the char device 0:0 hides the lower
    /// file and the opaque xattr hides all lower children of the directory when overlayfs merges the stack.
    /// </summary>
    private void ApplyWhiteout(LayerTarEntry entry, string parent, string name)
    {
        if (name == Whiteouts.Opaque)
        {
            var directory = _resolver.ResolveDirectory(parent, entry.Name, create: true)!;
            ExtendedAttributes.LSet(_resolver.Host(directory), Whiteouts.OpaqueXattr, Whiteouts.OpaqueValue);
            return;
        }
        // Other .wh..wh. names are aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs) with no meaning in overlayfs.
        if (name.StartsWith(Whiteouts.MetaPrefix, StringComparison.Ordinal)) return;
        var victim = name[Whiteouts.Prefix.Length..];
        if (victim.Length == 0 || victim is "." or "..")
            throw EntryNames.Unsafe(entry.Name, "whiteout names no file");
        var parentPath = _resolver.ResolveDirectory(parent, entry.Name, create: true)!;
        var path = _resolver.Host(EntryNames.Join(parentPath, victim));
        RemoveExisting(path);
        // Since Linux 5.8 a 0:0 whiteout needs no CAP_MKNOD, so this also works rootless.
        DeviceNodes.MakeNode(path, UnixFileType.CharacterDevice, 0, 0, 0);
    }
}
