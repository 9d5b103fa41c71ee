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
        byte[] state;
        try
        {
            state = File.ReadAllBytes(stateFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        try
        {
            return ReadCgroupPaths(state);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // One pass of a forward reader over the record, which holds the container's whole config: parsed into a
    // document, it cost each removal 0.2 ms of CPU, most of it the document's first use in the process.
    private static List<string>? ReadCgroupPaths(ReadOnlySpan<byte> state)
    {
        var reader = new Utf8JsonReader(state);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        bool onlyCgroups = true, sawConfig = false;
        List<string>? paths = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("config"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) return null;
                sawConfig = true;
                onlyCgroups &= ConfigLeavesOnlyCgroups(ref reader);
            }
            else if (reader.ValueTextEquals("rootless"u8))
            {
                reader.Read();
                onlyCgroups &= reader.TokenType != JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("intel_rdt_path"u8))
            {
                reader.Read();
                onlyCgroups &= !IsText(ref reader);
            }
            else if (reader.ValueTextEquals("cgroup_paths"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject || ReadPaths(ref reader) is not { } read) return null;
                paths = read;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return onlyCgroups && sawConfig ? paths : null;
    }

    // Reads the config object to its end: whether the container's pid namespace is its own (one to join dies with
    // no one), no poststop hooks wait to run, and its cgroups are plain ones runc made (not systemd's or rootless).
    private static bool ConfigLeavesOnlyCgroups(ref Utf8JsonReader reader)
    {
        bool ownsPidNamespace = false, plainCgroups = false, noPoststopHooks = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("namespaces"u8))
            {
                reader.Read();
                ownsPidNamespace = reader.TokenType == JsonTokenType.StartArray ? OwnsPidNamespace(ref reader) : Skipped(ref reader);
            }
            else if (reader.ValueTextEquals("cgroups"u8))
            {
                reader.Read();
                plainCgroups = reader.TokenType == JsonTokenType.StartObject ? !AnyTrue(ref reader, "Systemd"u8, "Rootless"u8) : Skipped(ref reader);
            }
            else if (reader.ValueTextEquals("Hooks"u8) || reader.ValueTextEquals("hooks"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) noPoststopHooks &= !HasPoststopHooks(ref reader);
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return ownsPidNamespace && plainCgroups && noPoststopHooks;
    }

    // A new pid namespace (no path to join) dies with its init, and every process in the cgroup with it. The
    // array's first NEWPID entry decides, as in runc.
    private static bool OwnsPidNamespace(ref Utf8JsonReader reader)
    {
        bool? owns = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            bool isPid = false, hasPath = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isPid = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("NEWPID"u8);
                }
                else if (reader.ValueTextEquals("path"u8))
                {
                    reader.Read();
                    hasPath = IsText(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (isPid) owns ??= !hasPath;
        }
        return owns ?? false;
    }

    private static bool HasPoststopHooks(ref Utf8JsonReader reader)
    {
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var poststop = reader.ValueTextEquals("poststop"u8);
            reader.Read();
            if (poststop && reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Read();
                found |= reader.TokenType != JsonTokenType.EndArray;
                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    reader.Skip();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
        return found;
    }

    // Whether any of the object's members named first or second is true; reads the object to its end.
    private static bool AnyTrue(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var any = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var named = reader.ValueTextEquals(first) || reader.ValueTextEquals(second);
            reader.Read();
            any |= named && reader.TokenType == JsonTokenType.True;
            reader.Skip();
        }
        return any;
    }

    // The object of hierarchy names to cgroup directories; null when one is not a directory runc would have made.
    private static List<string>? ReadPaths(ref Utf8JsonReader reader)
    {
        var paths = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { } path || !IsCgroupDirectory(path)) return null;
            paths.Add(path);
        }
        return paths;
    }

    private static bool IsText(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > 0;

    private static bool Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
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
