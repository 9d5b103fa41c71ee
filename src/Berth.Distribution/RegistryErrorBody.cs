using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Distribution;

/// <summary>The distribution spec's error body, <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
internal sealed record RegistryErrorBody
{
    [JsonPropertyName("errors")] public IReadOnlyList<RegistryError>? Errors { get; init; }
}

/// <summary>One entry of <see cref="RegistryErrorBody"/>.</summary>
internal sealed record RegistryError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("detail")] public JsonElement? Detail { get; init; }

    /// <summary>Docker's rendering (errcode.Error): the code lower-cased with spaces, then the message.</summary>
    public override string ToString()
    {
        var code = (Code ?? "unknown").ToLowerInvariant().Replace('_', ' ');
        return string.IsNullOrEmpty(Message) ? code : $"{code}: {Message}";
    }
}
