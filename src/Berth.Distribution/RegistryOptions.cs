namespace Berth.Distribution;

/// <summary>
/// How to reach registries: mirrors for docker.io, registries spoken to over plain HTTP or with unverified TLS,
/// where per-registry CA certificates live, and the limits of the transfer machinery.
/// </summary>
public sealed record RegistryOptions
{
    /// <summary>Mirror endpoints tried in order for docker.io before the registry itself (docker's registry-mirrors).</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [];

    /// <summary>Hosts (host[:port] or CIDR) that may use HTTP or unverified TLS; localhost and 127.0.0.0/8 always may.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Directory of per-registry CA files, <c>&lt;dir&gt;/&lt;host:port&gt;/*.crt</c> (docker's certs.d layout).</summary>
    public string CertificatesDirectory { get; init; } = "/etc/docker/certs.d";

    /// <summary>Attempts per request for transient failures (connection reset, 429, 5xx), with exponential backoff.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Blobs above this size are uploaded in chunks of this size.</summary>
    public long ChunkSize { get; init; } = 16 << 20;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
