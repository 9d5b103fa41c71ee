namespace Berth.Archive;

/// <summary>
/// Directories inside a container's rootfs, resolved with chroot semantics: every symlink on the way is followed
/// inside the rootfs, so an image cannot point a path at the host.
/// </summary>
public static class RootfsDirectories
{
    /// <summary>
    /// Makes <paramref name="containerPath"/> (absolute, as the container sees it) exist as a directory, creating
    /// missing components as 0755 directories owned by root, and returns its host path.
    /// </summary>
    public static string Create(string rootfs, string containerPath)
    {
        var resolver = new RootedPathResolver(rootfs);
        var clean = EntryNames.Clean(containerPath, containerPath, "path");
        var resolved = resolver.ResolveDirectory(clean, containerPath, create: true)!;
        return resolver.Host(resolved);
    }
}
