using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>A failed system call: the operation, the path it named and the errno, in one line.</summary>
public sealed class LinuxIOException : IOException
{
    public int Errno { get; }
    public string Operation { get; }
    public string? Path { get; }

    public LinuxIOException(string operation, string? path, int errno)
        : base(Format(operation, path, errno), errno)
    {
        Operation = operation;
        Path = path;
        Errno = errno;
    }

    private static string Format(string operation, string? path, int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return path is null ? $"{operation}: {text} (errno {errno})" : $"{operation} {path}: {text} (errno {errno})";
    }

    /// <summary>Throws for the errno the last P/Invoke left behind; call right after a failing import.</summary>
    internal static LinuxIOException FromLastError(string operation, string? path) =>
        new(operation, path, Marshal.GetLastPInvokeError());
}
