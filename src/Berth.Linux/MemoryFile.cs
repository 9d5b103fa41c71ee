namespace Berth.Linux;

/// <summary>An anonymous file in memory (memfd_create), closed on exec.</summary>
public static class MemoryFile
{
    private const uint CloseOnExec = 1;

    public static int Create(string name)
    {
        var fd = Libc.MemfdCreate(name, CloseOnExec);
        return fd >= 0 ? fd : throw LinuxIOException.FromLastError("memfd_create", name);
    }
}
