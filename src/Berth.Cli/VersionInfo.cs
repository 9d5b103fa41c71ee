using System.Reflection;

namespace Berth.Cli;

/// <summary>The version stamped into the binary at build time (git commit via SourceRevisionId when present).</summary>
internal static class VersionInfo
{
    public static string Version { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Commit { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var c, ..] ? c[..Math.Min(7, c.Length)] : "unknown";
}
