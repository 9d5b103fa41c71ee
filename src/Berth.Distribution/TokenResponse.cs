using System.Text.Json.Serialization;

namespace Berth.Distribution;

/// <summary>A token service's answer (distribution docs, token.md): <c>token</c> or OAuth2's <c>access_token</c>.</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; init; }
    [JsonPropertyName("issued_at")] public DateTimeOffset? IssuedAt { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
}
