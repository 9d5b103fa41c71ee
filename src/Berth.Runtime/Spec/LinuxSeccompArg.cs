using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>A seccomp argument condition (SCMP_CMP_EQ, SCMP_CMP_MASKED_EQ with valueTwo as the mask...).</summary>
public sealed record LinuxSeccompArg
{
    [JsonPropertyName("index")] public uint Index { get; init; }
    [JsonPropertyName("value")] public ulong Value { get; init; }
    [JsonPropertyName("valueTwo")] public ulong ValueTwo { get; init; }
    [JsonPropertyName("op")] public required string Op { get; init; }
}
