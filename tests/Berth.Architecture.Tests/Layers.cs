namespace Berth.Architecture.Tests;

/// <summary>
/// DESIGN.md's layer rules as data: for each src project, the Berth projects it may reference directly.
/// A project missing from this table fails the tests on purpose — adding a layer means deciding its place here.
/// </summary>
internal static class Layers
{
    private static readonly string[] Below =
        ["Berth.Oci", "Berth.Linux", "Berth.Content", "Berth.Archive", "Berth.Snapshots", "Berth.Images", "Berth.Distribution", "Berth.Runtime", "Berth.Builder", "Berth.Networking"];

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed = new Dictionary<string, IReadOnlySet<string>>
    {
        // The spec types reference only the framework; thin syscalls reference nothing of ours.
        ["Berth.Oci"] = Set(),
        ["Berth.Linux"] = Set(),
        // Blobs by digest; Linux allowed for flock and file primitives.
        ["Berth.Content"] = Set("Berth.Oci", "Berth.Linux"),
        ["Berth.Archive"] = Set("Berth.Oci", "Berth.Linux"),
        // Snapshots meet the rest at a Mount list: never images, content or the engine.
        ["Berth.Snapshots"] = Set("Berth.Oci", "Berth.Linux"),
        ["Berth.Images"] = Set("Berth.Oci", "Berth.Content", "Berth.Archive", "Berth.Linux"),
        // The registry client is usable on its own: spec types only.
        ["Berth.Distribution"] = Set("Berth.Oci"),
        // Runtime meets the rest at a bundle path and mounts; Archive for rooted paths inside a rootfs.
        ["Berth.Runtime"] = Set("Berth.Oci", "Berth.Linux", "Berth.Archive"),
        // The builder plans and runs build steps through a worker the engine implements: never the store itself.
        ["Berth.Builder"] = Set("Berth.Oci", "Berth.Linux", "Berth.Archive", "Berth.Runtime"),
        // Networking meets the engine at a network record, a pid and a tool runner: thin syscalls and spec types only.
        ["Berth.Networking"] = Set("Berth.Oci", "Berth.Linux"),
        // The engine composes everything below it; CLI parsing and output templates are the front end's.
        ["Berth.Engine"] = Set(Below),
        ["Berth.CommandLine"] = Set(),
        ["Berth.Templates"] = Set(),
        ["Berth.Cli"] = Set([.. Below, "Berth.Engine", "Berth.CommandLine", "Berth.Templates"]),
    };

    /// <summary>What each project must never reach, directly or through others.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> NeverTransitively = new Dictionary<string, IReadOnlySet<string>>
    {
        ["Berth.Oci"] = Set(Allowed.Keys.Where(k => k != "Berth.Oci").ToArray()),
        ["Berth.Snapshots"] = Set("Berth.Images", "Berth.Content", "Berth.Engine", "Berth.Cli"),
        ["Berth.Content"] = Set("Berth.Images", "Berth.Snapshots", "Berth.Engine", "Berth.Cli"),
        ["Berth.Images"] = Set("Berth.Snapshots", "Berth.Engine", "Berth.Cli"),
        ["Berth.Runtime"] = Set("Berth.Images", "Berth.Content", "Berth.Snapshots", "Berth.Distribution", "Berth.Engine", "Berth.Cli"),
        ["Berth.Distribution"] = Set("Berth.Linux", "Berth.Content", "Berth.Archive", "Berth.Snapshots", "Berth.Images", "Berth.Engine", "Berth.Cli"),
        ["Berth.Builder"] = Set("Berth.Images", "Berth.Content", "Berth.Snapshots", "Berth.Distribution", "Berth.Engine", "Berth.Cli"),
        ["Berth.Engine"] = Set("Berth.Cli", "Berth.CommandLine", "Berth.Templates"),
        ["Berth.Networking"] = Set("Berth.Engine", "Berth.Cli", "Berth.Images", "Berth.Content", "Berth.Snapshots"),
    };

    /// <summary>The assembly each project builds (the CLI ships as <c>berth</c>).</summary>
    public static string AssemblyOf(string project) => project switch
    {
        "Berth.Cli" => "berth",
        _ => project,
    };

    public static string ProjectOf(string assembly) => assembly switch
    {
        "berth" => "Berth.Cli",
        _ => assembly,
    };

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
