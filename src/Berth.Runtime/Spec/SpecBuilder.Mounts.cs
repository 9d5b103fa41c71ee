namespace Berth.Runtime.Spec;

public static partial class SpecBuilder
{
    // Docker keeps these writable even on a read-only rootfs: a process needs them to run at all.
    private static readonly string[] WritableOnReadOnlyRootfs = ["/proc", "/dev/pts", "/dev/shm", "/dev/mqueue", "/dev"];

    private static List<OciMount> Mounts(ContainerSpecOptions options)
    {
        var user = new List<OciMount>(options.Mounts);
        var taken = user.Select(m => CleanPath(m.Destination)).ToHashSet(StringComparer.Ordinal);
        AddHostFile(options.HostsPath, "/etc/hosts");
        AddHostFile(options.HostnamePath, "/etc/hostname");
        AddHostFile(options.ResolvConfPath, "/etc/resolv.conf");
        // Docker mounts parents before children by counting path components; a stable sort keeps the caller's
        // order among equals so the result is reproducible.
        var sorted = user.OrderBy(m => Depth(m.Destination)).ToList();

        var mountsDev = taken.Contains("/dev");
        var mounts = new List<OciMount>();
        foreach (var mount in DefaultMounts(options))
        {
            if (taken.Contains(mount.Destination)) continue;
            if (mountsDev && mount.Destination.StartsWith("/dev/", StringComparison.Ordinal)) continue;
            var readOnly = options.ReadOnlyRootfs && !WritableOnReadOnlyRootfs.Contains(mount.Destination)
                && !(mount.Options ?? []).Contains("ro");
            mounts.Add(readOnly ? mount with { Options = [.. mount.Options ?? [], "ro"] } : mount);
        }
        mounts.AddRange(sorted);
        if (options.Init)
        {
            mounts.Add(new OciMount
            {
                Destination = DockerDefaults.InitPath, Type = "bind", Source = options.InitBinaryPath, Options = ["bind", "ro"],
            });
        }
        return mounts;

        void AddHostFile(string? source, string destination)
        {
            // A user mount at the same place wins, as docker skips its own file then.
            if (string.IsNullOrEmpty(source) || !taken.Add(destination)) return;
            user.Add(new OciMount
            {
                Destination = destination, Type = "bind", Source = source,
                Options = options.ReadOnlyRootfs ? ["rbind", "ro", "rprivate"] : ["rbind", "rprivate"],
            });
        }
    }

    private static IEnumerable<OciMount> DefaultMounts(ContainerSpecOptions options)
    {
        string[] restricted = ["nosuid", "noexec", "nodev"];
        yield return new() { Destination = "/proc", Type = "proc", Source = "proc", Options = restricted };
        yield return new()
        {
            Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"],
        };
        yield return new()
        {
            Destination = "/dev/pts", Type = "devpts", Source = "devpts",
            Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
        };
        // Privileged containers get /sys and the cgroup tree writable, as docker clears "ro" on both for them.
        yield return new()
        {
            Destination = "/sys", Type = "sysfs", Source = "sysfs",
            Options = options.Privileged ? restricted : [.. restricted, "ro"],
        };
        yield return new()
        {
            Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup",
            Options = options.Privileged ? restricted : ["ro", .. restricted],
        };
        // An mqueue filesystem shows the queues of the IPC namespace it is mounted in, the host's one included, so it
        // needs no bind of a host /dev/mqueue (which many hosts do not mount).
        yield return new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = restricted };
        if (options.Ipc.Kind == NamespaceKind.Host)
        {
            yield return Bind("/dev/shm", "/dev/shm");
            yield break;
        }
        if (options.ShmSource is { Length: 0 }) yield break;
        if (options.ShmSource is { } shared)
        {
            yield return Bind(shared, "/dev/shm");
            yield break;
        }
        yield return new()
        {
            Destination = "/dev/shm", Type = "tmpfs", Source = "shm",
            Options = [.. restricted, "mode=1777", "size=" + options.ShmSize.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        };
    }

    private static OciMount Bind(string source, string destination) =>
        new() { Destination = destination, Type = "bind", Source = source, Options = ["rbind", "rprivate"] };

    /// <summary>
    /// A shared or slave bind needs the container's root mount to propagate the same way, or the kernel gives
    /// the bind nothing to receive from; docker sets rshared (or rslave) on the rootfs for it.
    /// </summary>
    private static string? RootfsPropagation(IReadOnlyList<OciMount> mounts)
    {
        string? result = null;
        foreach (var option in mounts.SelectMany(m => m.Options ?? []))
        {
            if (option is "shared" or "rshared") return "rshared";
            if (option is "slave" or "rslave") result = "rslave";
        }
        return result;
    }

    private static string CleanPath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    private static int Depth(string destination)
    {
        var clean = CleanPath(destination);
        return clean == "/" ? 1 : clean.Count(c => c == '/') + 1;
    }
}
