using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Distribution;

/// <summary>
/// Fetches bearer tokens from a challenge's realm (distribution's token.md and oauth.md): GET with basic
/// credentials (or anonymous), or an OAuth2 POST with <c>grant_type=refresh_token</c> when the credential is an
/// identity token (user name <c>&lt;token&gt;</c>).
/// </summary>
internal static class TokenClient
{
    public const string IdentityTokenUser = "<token>";
    private const string ClientId = "berth";

    public static async Task<TokenResponse?> FetchAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        AuthChallenge challenge, RegistryScope scope, CancellationToken ct)
    {
        var realm = challenge["realm"] ?? throw BerthException.Invalid("bearer challenge without realm");
        var service = challenge["service"];
        var scopes = scope.ScopeParameters.ToList();
        using var request = scope.Credential is { Username: IdentityTokenUser } identity
            ? RefreshTokenRequest(realm, service, scopes, identity.Secret)
            : GetTokenRequest(realm, service, scopes, scope.Credential);
        using var response = await send(request, ct).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (scope.Credential is null) return null;
            throw new BerthException(ErrorKind.PermissionDenied, "unauthorized: incorrect username or password");
        }
        if (!response.IsSuccessStatusCode)
            throw new BerthException(ErrorKind.Unavailable, $"token service {realm} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        try
        {
            var token = JsonSerializer.Deserialize(body, DistributionJsonContext.Default.TokenResponse);
            if (string.IsNullOrEmpty(token?.Token) && string.IsNullOrEmpty(token?.AccessToken))
                throw BerthException.Invalid($"token service {realm} returned no token");
            return token;
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"malformed token response from {realm}: {e.Message}", e);
        }
    }

    private static HttpRequestMessage GetTokenRequest(string realm, string? service, List<string> scopes, Credential? credential)
    {
        var query = new StringBuilder();
        void Add(string name, string value) => query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        if (service is not null) Add("service", service);
        foreach (var s in scopes) Add("scope", s);
        if (credential is not null) Add("account", credential.Username);
        var separator = realm.Contains('?') && query.Length > 0 ? "&" + query.ToString(1, query.Length - 1) : query.ToString();
        var request = new HttpRequestMessage(HttpMethod.Get, realm + separator);
        if (credential is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(credential));
        return request;
    }

    private static HttpRequestMessage RefreshTokenRequest(string realm, string? service, List<string> scopes, string refreshToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", ClientId),
        };
        if (service is not null) form.Add(new("service", service));
        if (scopes.Count > 0) form.Add(new("scope", string.Join(' ', scopes)));
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    public static string Basic(Credential credential) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Secret}"));
}
