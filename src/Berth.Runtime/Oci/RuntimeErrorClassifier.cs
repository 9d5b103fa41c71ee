namespace Berth.Runtime.Oci;

/// <summary>
/// Docker's exit codes for a container or exec process that could not start (moby's
/// translateContainerdStartErr): 127 when the command is missing, 126 when it cannot be invoked, 125 otherwise.
/// </summary>
public static class RuntimeErrorClassifier
{
    public const int RuntimeFailure = 125;
    public const int CannotInvoke = 126;
    public const int CommandNotFound = 127;

    /// <summary>
    /// The exit code for a start failure with <paramref name="message"/>. When <paramref name="command"/> is
    /// given, "not found" only counts if the message names it (a missing mount source is not a missing command).
    /// </summary>
    public static int ExitCodeFor(string message, string? command = null)
    {
        var text = message.ToLowerInvariant();
        var code = RuntimeFailure;
        var missing = text.Contains("executable file not found") || text.Contains("no such file or directory");
        if (missing && (command is null || text.Contains(command.ToLowerInvariant()))) code = CommandNotFound;

        // Checked after "not found", as Docker does: "permission denied" wins over a path that also went missing.
        if (text.Contains("permission denied") || text.Contains("is a directory") || text.Contains("not executable"))
        {
            code = CannotInvoke;
        }

        // A bind mount of a file onto a directory (or the reverse) reports ENOTDIR; Docker counts it as 127.
        if (text.Contains("not a directory")) code = CommandNotFound;
        return code;
    }
}
