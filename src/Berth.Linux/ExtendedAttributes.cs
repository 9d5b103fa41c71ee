using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// xattrs on the link itself (the l* calls) or on an open file. Values are bytes: security.capability is a
/// binary struct, so nothing here decodes text. Note the kernel refuses user.* on symlinks and devices, and
/// trusted.* without CAP_SYS_ADMIN.
/// </summary>
public static unsafe class ExtendedAttributes
{
    public static void LSet(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            if (Libc.LSetXattr(path, name, p, (nuint)value.Length, 0) != 0)
                throw LinuxIOException.FromLastError($"lsetxattr {name}", path);
        }
    }

    public static void FSet(SafeFileHandle file, string name, ReadOnlySpan<byte> value, string pathForErrors)
    {
        fixed (byte* p = value)
        {
            if (Libc.FSetXattr(file, name, p, (nuint)value.Length, 0) != 0)
                throw LinuxIOException.FromLastError($"fsetxattr {name}", pathForErrors);
        }
    }

    /// <summary>The value, or null when the attribute is absent (ENODATA).</summary>
    public static byte[]? LGet(string path, string name)
    {
        while (true)
        {
            var size = Libc.LGetXattr(path, name, null, 0);
            if (size < 0) return MissingOrThrow($"lgetxattr {name}", path);
            var buffer = new byte[size];
            fixed (byte* p = buffer)
            {
                var read = Libc.LGetXattr(path, name, p, (nuint)buffer.Length);
                if (read >= 0) return buffer.AsSpan(0, (int)read).ToArray();
                // ERANGE: the value grew between the two calls; ask for the size again.
                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != 34) return MissingOrThrow($"lgetxattr {name}", path);
            }
        }
    }

    public static IReadOnlyList<string> LList(string path)
    {
        var size = Libc.LListXattr(path, null, 0);
        if (size < 0) throw LinuxIOException.FromLastError("llistxattr", path);
        if (size == 0) return [];
        var buffer = new byte[size];
        fixed (byte* p = buffer)
        {
            size = Libc.LListXattr(path, p, (nuint)buffer.Length);
            if (size < 0) throw LinuxIOException.FromLastError("llistxattr", path);
        }
        // The list is NUL-terminated names back to back.
        var names = new List<string>();
        foreach (var range in buffer.AsSpan(0, (int)size).Split((byte)0))
        {
            var span = buffer.AsSpan(0, (int)size)[range];
            if (!span.IsEmpty) names.Add(System.Text.Encoding.UTF8.GetString(span));
        }
        return names;
    }

    public static void LRemove(string path, string name)
    {
        if (Libc.LRemoveXattr(path, name) != 0) throw LinuxIOException.FromLastError($"lremovexattr {name}", path);
    }

    private static byte[]? MissingOrThrow(string operation, string path)
    {
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == Errno.ENODATA ? null : throw new LinuxIOException(operation, path, errno);
    }
}
