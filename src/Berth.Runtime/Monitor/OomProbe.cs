namespace Berth.Runtime.Monitor;

/// <summary>
/// Whether the kernel's OOM killer struck inside a container's memory cgroup (inspect's State.OOMKilled): the
/// oom_kill counter of memory.oom_control (cgroup v1) or memory.events (v2), read before the runtime deletes the
/// cgroup.
/// </summary>
public static class OomProbe
{
    public static bool WasKilled(string cgroupsPath, string cgroupRoot = "/sys/fs/cgroup")
    {
        var relative = cgroupsPath.TrimStart('/');
        foreach (var file in new[]
        {
            Path.Combine(cgroupRoot, "memory", relative, "memory.oom_control"),
            Path.Combine(cgroupRoot, relative, "memory.events"),
        })
        {
            if (ReadCounter(file, "oom_kill") is { } count) return count > 0;
        }
        return false;
    }

    private static long? ReadCounter(string file, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == name && long.TryParse(parts[1], out var value)) return value;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
