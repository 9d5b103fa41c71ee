using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// Mounts that are attached nowhere, made with the kernel's mount API (open_tree(2) and mount_setattr(2),
/// Linux 5.12+): they exist only while a descriptor refers to them, so nothing is left mounted and no mount
/// point is created for them.
/// </summary>
public static unsafe class DetachedMounts
{
    // The same number on every architecture: both calls came after the kernel unified new syscall numbers.
    private const long SysOpenTree = 428, SysMountSetattr = 442;
    private const int AtFdCwd = -100, AtEmptyPath = 0x1000;
    private const long OpenTreeClone = 1, OpenTreeCloexec = 0x80000;
    private const ulong MountAttrReadOnly = 0x1;

    // struct mount_attr, MOUNT_ATTR_SIZE_VER0.
    private struct MountAttr
    {
        public ulong AttrSet, AttrClear, Propagation, UsernsFd;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading through a read-only bind mount of it that is attached nowhere.
    /// The descriptor cannot be reopened for writing, not even through /proc/PID/fd or /proc/PID/exe. Null where
    /// the kernel lacks the calls or refuses them (an older kernel, a seccomp filter); other failures throw.
    /// </summary>
    public static SafeFileHandle? OpenReadOnly(string path)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        long tree;
        fixed (byte* pointer = name)
            tree = Libc.Syscall(SysOpenTree, AtFdCwd, (nint)pointer, OpenTreeClone | OpenTreeCloexec);
        if (tree < 0) return Unsupported(LinuxIOException.FromLastError("open_tree", path));
        using var treeHandle = new SafeFileHandle((nint)tree, ownsHandle: true);
        var attributes = new MountAttr { AttrSet = MountAttrReadOnly };
        var empty = (byte)0;
        if (Libc.Syscall(SysMountSetattr, tree, (nint)(&empty), AtEmptyPath, (nint)(&attributes), sizeof(MountAttr)) < 0)
            return Unsupported(LinuxIOException.FromLastError("mount_setattr", path));
        // Opened again through the tree's descriptor, the file belongs to the read-only mount, which lives on
        // with it after the tree's descriptor closes.
        return File.OpenHandle($"/proc/self/fd/{tree}", FileMode.Open, FileAccess.Read);
    }

    private static SafeFileHandle? Unsupported(LinuxIOException error) =>
        error.Errno is Errno.ENOSYS or Errno.EPERM or Errno.EINVAL ? null : throw error;
}
