namespace Berth.Runtime.Processes;

/// <summary>Finds a command the way execvp and Go's exec.LookPath do: names with a slash are used as they are.</summary>
public static class ExecutableLookup
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// The full path of <paramref name="name"/> on <paramref name="searchPath"/> (default: this process's PATH),
    /// or null when no executable regular file of that name exists there.
    /// </summary>
    public static string? Find(string name, string? searchPath = null)
    {
        if (name.Length == 0) return null;
        if (name.Contains('/')) return IsExecutable(name) ? Path.GetFullPath(name) : null;
        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in searchPath.Split(':'))
        {
            // An empty PATH entry means the current directory to a shell; Go's LookPath refuses it since 1.19.
            if (directory.Length == 0) continue;
            var candidate = Path.Combine(directory, name);
            if (IsExecutable(candidate)) return Path.GetFullPath(candidate);
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            return File.Exists(path) && (File.GetUnixFileMode(path) & AnyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
