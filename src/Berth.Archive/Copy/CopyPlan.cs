using Berth.Oci;

namespace Berth.Archive.Copy;

/// <summary>
/// docker cp's destination rules (the docker cp reference; moby's PrepareArchiveCopy), pure:
/// <list type="bullet">
/// <item>DEST is an existing directory: the source goes into it under its own name (or, for "SRC/.", its
/// contents do);</item>
/// <item>DEST exists and is not a directory: a file source replaces it (the entry is renamed to DEST's
/// name); a directory source is an error;</item>
/// <item>DEST does not exist: its parent must exist; a directory source is created as DEST; a file source is
/// written as DEST unless DEST ends in "/" (it then had to be an existing directory).</item>
/// </list>
/// </summary>
public static class CopyPlan
{
    public static CopyPlanResult Plan(CopySource source, CopyDestination destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var (destinationDirectory, destinationBase) = SplitPath(destination.Path);
        if (destination.Exists && destination.IsDirectory)
            return new CopyPlanResult { ExtractDirectory = destination.Path };
        if (destination.Exists && source.IsDirectory)
            throw BerthException.Invalid($"cannot copy a directory to a file: \"{destination.Path}\" is not a directory");
        if (!destination.Exists && !destination.ParentExists)
            throw BerthException.NotFound($"no such directory: \"{destinationDirectory}\"");
        if (!destination.Exists && !source.IsDirectory && AssertsDirectory(destination.Path))
            throw BerthException.NotFound($"destination \"{destination.Path}\" must be a directory");
        var from = source.ArchiveName;
        return new CopyPlanResult
        {
            ExtractDirectory = destinationDirectory,
            RenameFrom = from == destinationBase ? null : from,
            RenameTo = from == destinationBase ? null : destinationBase,
        };
    }

    /// <summary>moby's SplitPathDirEntry: "a/b" is ("a", "b"), "a/b/" is ("a", "b"), "a/b/." is ("a/b", ".").</summary>
    public static (string Directory, string Base) SplitPath(string path)
    {
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else if (part != ".." || !absolute) parts.Add(part);
        }
        if (SpecifiesCurrentDirectory(path)) parts.Add(".");
        if (parts.Count == 0) return (absolute ? "/" : ".", absolute ? "/" : ".");
        var directory = (absolute ? "/" : "") + string.Join('/', parts.Take(parts.Count - 1));
        return (directory.Length == 0 ? "." : directory, parts[^1]);
    }

    /// <summary>A trailing "/" or "/." (or a bare ".") says the path must be a directory.</summary>
    public static bool AssertsDirectory(string path) => path.EndsWith('/') || SpecifiesCurrentDirectory(path);

    private static bool SpecifiesCurrentDirectory(string path) => path == "." || path.EndsWith("/.", StringComparison.Ordinal);
}
