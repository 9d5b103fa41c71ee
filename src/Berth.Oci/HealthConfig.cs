namespace Berth.Oci;

/// <summary>Docker's HEALTHCHECK settings as stored in an image config; durations are nanoseconds.</summary>
public sealed record HealthConfig
{
    public IReadOnlyList<string>? Test { get; init; }
    public long? Interval { get; init; }
    public long? Timeout { get; init; }
    public long? StartPeriod { get; init; }
    public long? StartInterval { get; init; }
    public int? Retries { get; init; }
}
