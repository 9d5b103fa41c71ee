using System.Text.Json;

namespace Berth.Runtime.Oci;

/// <summary>
/// What <c>runc delete</c> does for a container whose init has exited and been reaped, done without starting
/// runc: the cgroups runc created go, then runc's record of the container. A runc process costs several
/// milliseconds, most of what a container's exit takes otherwise.
/// <para>
/// The cgroup paths come from runc's own record (<c>state.json</c> in its state root), so nothing is guessed.
/// It declines, leaving the rest to runc, whenever runc's delete would do more than that or the record is not
/// what it expects: poststop hooks to run, a pid namespace that is not the container's own (runc then kills what
/// is left in the cgroup), systemd or rootless cgroups, Intel RDT, a cgroup that will not go. What it already
/// removed by then is what runc's delete would have removed, and runc skips what is gone.
/// </para>
/// </summary>
internal static class RuncExitedContainer
{
    private const string CgroupMount = "/sys/fs/cgroup/";

    /// <summary>Removes what runc holds for <paramref name="id"/>; false when runc's delete must do it (or finish it).</summary>
    public static bool TryDelete(string stateRoot, string id)
    {
        var directory = Path.Combine(stateRoot, id);
        if (ReadCgroupPaths(Path.Combine(directory, "state.json")) is not { } cgroups) return false;
        foreach (var cgroup in cgroups)
        {
            if (!TryRemoveCgroup(cgroup)) return false;
        }
        try
        {
            Directory.Delete(directory, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The cgroup directories of a record runc's delete would only remove; null when it would do more.</summary>
    internal static List<string>? ReadCgroupPaths(string stateFile)
    {
        try
        {
            using var stream = File.OpenRead(stateFile);
            using var state = JsonDocument.Parse(stream);
            var root = state.RootElement;
            if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object) return null;
            if (IsTrue(root, "rootless") || HasText(root, "intel_rdt_path")) return null;
            if (!OwnsPidNamespace(config) || HasPoststopHooks(config)) return null;
            if (!config.TryGetProperty("cgroups", out var cgroupConfig) || cgroupConfig.ValueKind != JsonValueKind.Object) return null;
            if (IsTrue(cgroupConfig, "Systemd") || IsTrue(cgroupConfig, "Rootless")) return null;
            if (!root.TryGetProperty("cgroup_paths", out var paths) || paths.ValueKind != JsonValueKind.Object) return null;
            var result = new List<string>();
            foreach (var entry in paths.EnumerateObject())
            {
                if (entry.Value.GetString() is not { } path || !IsCgroupDirectory(path)) return null;
                result.Add(path);
            }
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static bool HasText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    // A new pid namespace (no path to join) dies with its init, and every process in the cgroup with it.
    private static bool OwnsPidNamespace(JsonElement config)
    {
        if (!config.TryGetProperty("namespaces", out var namespaces) || namespaces.ValueKind != JsonValueKind.Array) return false;
        foreach (var ns in namespaces.EnumerateArray())
        {
            if (ns.ValueKind == JsonValueKind.Object && ns.TryGetProperty("type", out var type) && type.GetString() == "NEWPID")
                return !HasText(ns, "path");
        }
        return false;
    }

    private static bool HasPoststopHooks(JsonElement config)
    {
        foreach (var name in new[] { "Hooks", "hooks" })
        {
            if (config.TryGetProperty(name, out var hooks) && hooks.ValueKind == JsonValueKind.Object
                && hooks.TryGetProperty("poststop", out var poststop) && poststop.ValueKind == JsonValueKind.Array && poststop.GetArrayLength() > 0)
                return true;
        }
        return false;
    }

    // Below the cgroup mount and below a hierarchy's root: the record is runc's, but a path that climbs out is not
    // one runc would have made.
    private static bool IsCgroupDirectory(string path) =>
        path.StartsWith(CgroupMount, StringComparison.Ordinal)
        && path.Length > CgroupMount.Length
        && !path.Split('/').Any(segment => segment is "." or "..");

    // As runc: rmdir, and when the cgroup has children, those first. Gone already is done.
    private static bool TryRemoveCgroup(string path)
    {
        try
        {
            Directory.Delete(path, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            // Not empty: child cgroups (a cgroup directory's files cannot be removed, only its subdirectories).
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        try
        {
            foreach (var child in Directory.EnumerateDirectories(path))
            {
                if (!TryRemoveCgroup(child)) return false;
            }
            Directory.Delete(path, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
