using System.Runtime.InteropServices;

namespace Berth.Snapshots.Tests;

/// <summary>libc calls the tests need to build overlay-style layers by hand.</summary>
internal static partial class TestSyscalls
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mknod(string path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lsetxattr(string path, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);

    public static void HardLink(string existing, string created)
    {
        if (Link(existing, created) != 0) throw new IOException($"link {created}: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>An overlay whiteout: a character device 0:0 hides the lower entry of the same name.</summary>
    public static void Whiteout(string path)
    {
        if (Mknod(path, 0x2000 /* S_IFCHR */, 0) != 0) throw new IOException($"mknod {path}: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>An opaque directory: trusted.overlay.opaque=y hides everything below it in lower layers.</summary>
    public static void MakeOpaque(string directory)
    {
        var value = "y"u8.ToArray();
        if (Lsetxattr(directory, "trusted.overlay.opaque", value, (nuint)value.Length, 0) != 0)
        {
            throw new IOException($"lsetxattr {directory}: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
