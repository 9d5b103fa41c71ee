namespace Berth.Engine;

/// <summary>Where the engine keeps its state and which drivers it uses.</summary>
public sealed record EngineOptions
{
    public const string DefaultRoot = "/var/lib/berth";
    public const string DefaultRunRoot = "/run/berth";

    public string Root { get; init; } = DefaultRoot;
    public string RunRoot { get; init; } = DefaultRunRoot;
    public string StorageDriver { get; init; } = "overlay";
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Mirrors, insecure registries and certificates (see <c>DaemonConfigFile</c>).</summary>
    public Distribution.RegistryOptions Registry { get; init; } = new();

    /// <summary>
    /// Layers downloaded (or loaded) and unpacked at once. Decompression is CPU-bound and writing files
    /// disk-bound, so a few in flight overlap both; docker's max-concurrent-downloads defaults to 3.
    /// </summary>
    public int MaxConcurrentDownloads { get; init; } = 3;

    /// <summary>Blobs uploaded at once (docker's max-concurrent-uploads, default 5).</summary>
    public int MaxConcurrentUploads { get; init; } = 5;

    /// <summary>
    /// The berth executable a container's monitor runs as (null: this process's own executable). Tests that host
    /// the engine in another process point it at the published binary.
    /// </summary>
    public string? MonitorExecutable { get; init; }

    /// <summary>The berth executable monitors run as: <see cref="MonitorExecutable"/>, else this process's own.</summary>
    internal string BerthExecutable => MonitorExecutable ?? Environment.ProcessPath ?? "berth";

    /// <summary>The host path of the static init bound into containers run with <c>--init</c> (Docker's docker-init is tini).</summary>
    public string InitPath { get; init; } = "/usr/bin/tini-static";

    /// <summary>
    /// The default bridge's address with its prefix (daemon.json <c>bip</c>, e.g. <c>172.26.0.1/16</c>); null picks
    /// the first of Docker's default pools that no host route or other network overlaps, when first needed.
    /// </summary>
    public string? BridgeIp { get; init; }
}
