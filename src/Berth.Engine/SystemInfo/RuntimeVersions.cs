namespace Berth.Engine.SystemInfo;

/// <summary>The host facts the CLI shows without opening an engine (version needs no state root).</summary>
public static class RuntimeVersions
{
    /// <summary>The version an OCI runtime on PATH reports, or null when it is not installed.</summary>
    public static string? Of(string program) =>
        HostFacts.FindOnPath(program) is { } path ? HostFacts.RuntimeVersion(path) : null;
}
