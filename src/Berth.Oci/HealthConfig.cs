using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>Docker's HEALTHCHECK settings as stored in an image config; durations are nanoseconds. Unset fields are
/// left out of the JSON, as Docker's omitempty does.</summary>
public sealed record HealthConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Test { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Interval { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Timeout { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? StartPeriod { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? StartInterval { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Retries { get; init; }
}
