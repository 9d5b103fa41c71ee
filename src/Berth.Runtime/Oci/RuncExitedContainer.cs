using System.Text.Json;
using static Berth.Oci.Json.JsonMembers;

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

    // The members of runc's record that decide, read in one forward pass: the record holds the container's whole
    // config, and parsed into a document it cost each removal 0.2 ms of CPU, most of it the document's first use in
    // the process.
    private static readonly string[] EnteredObjects = ["config", "config.Hooks", "config.hooks"];

    private static List<string>? ReadCgroupPaths(byte[] state)
    {
        bool onlyCgroups = true, plainCgroups = false;
        bool? ownsPidNamespace = null;
        List<string>? paths = null;
        Visit(state, EnteredObjects, (string path, ref Utf8JsonReader reader) =>
        {
            switch (path)
            {
                case "rootless": onlyCgroups &= !IsTrue(ref reader); return true;
                case "intel_rdt_path": onlyCgroups &= string.IsNullOrEmpty(Text(ref reader)); return true;
                // runc's delete kills what is left in the cgroup when the container joined a pid namespace.
                case "config.namespaces": ownsPidNamespace ??= OwnsPidNamespace(ref reader); return true;
                // Systemd's or rootless cgroups are runc's delete's to remove.
                case "config.cgroups":
                    plainCgroups = reader.TokenType == JsonTokenType.StartObject && !AnyTrue(ref reader, "Systemd"u8, "Rootless"u8);
                    return true;
                case "config.Hooks.poststop" or "config.hooks.poststop": onlyCgroups &= !IsNonEmptyArray(ref reader); return true;
                case "cgroup_paths": paths = CgroupDirectories(ref reader); return true;
                default: return false;
            }
        });
        return onlyCgroups && plainCgroups && ownsPidNamespace == true ? paths : null;
    }

    // A new pid namespace (no path to join) dies with its init, and every process in the cgroup with it. The
    // array's first NEWPID entry decides, as in runc; the reader is left on the array's end.
    private static bool OwnsPidNamespace(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return false;
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
                var isType = reader.ValueTextEquals("type"u8);
                var isPath = !isType && reader.ValueTextEquals("path"u8);
                reader.Read();
                if (isType) isPid = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("NEWPID"u8);
                else if (isPath) hasPath = !string.IsNullOrEmpty(Text(ref reader));
                reader.Skip();
            }
            if (isPid) owns ??= !hasPath;
        }
        return owns ?? false;
    }

    // Whether either member of the object is true; the reader is left on the object's end.
    private static bool AnyTrue(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var any = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var named = reader.ValueTextEquals(first) || reader.ValueTextEquals(second);
            reader.Read();
            any |= named && IsTrue(ref reader);
            reader.Skip();
        }
        return any;
    }

    // The reader is left on the array's end.
    private static bool IsNonEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }
        return count > 0;
    }

    // The object of hierarchy names to cgroup directories, read to its end; null when a value is not a directory runc
    // would have made.
    private static List<string>? CgroupDirectories(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        var directories = new List<string>();
        var valid = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (Text(ref reader) is { } path && IsCgroupDirectory(path)) directories.Add(path);
            else valid = false;
            reader.Skip();
        }
        return valid ? directories : null;
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
