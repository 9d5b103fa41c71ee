using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Berth.Distribution;

/// <summary>
/// Answers a registry's 401 (distribution spec, "Authentication"): parses the <c>WWW-Authenticate</c>
/// challenges, prefers Bearer (a token per realm, service and scope, cached) over Basic (the credential itself),
/// and sends the request once more. The challenge a host gave is remembered so later requests carry the
/// authorization up front. Requests to any other host than the scope's (blob redirects to storage) are sent
/// bare, as docker does.
/// </summary>
internal sealed class AuthChallengeHandler(TokenCache tokens) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!request.Options.TryGetValue(RegistryScope.Key, out var scope) || request.RequestUri?.Authority != scope.Authority)
        {
            request.Headers.Authorization = null;
            return await base.SendAsync(request, ct).ConfigureAwait(false);
        }
        var attached = false;
        if (!scope.ForceToken && _challenges.TryGetValue(scope.Authority, out var known))
            attached = await AttachAsync(request, known, scope, fresh: false, ct).ConfigureAwait(false);
        var response = await base.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenges = AuthChallengeParser.Parse(response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values) ? values : []);
        var challenge = challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
        if (challenge is null) return response;
        _challenges[scope.Authority] = challenge;
        // A Basic credential that was already sent and refused is refused again; an attached token may be stale.
        if (attached && challenge.IsBasic) return response;
        if (!await AttachAsync(request, challenge, scope, fresh: attached || scope.ForceToken, ct).ConfigureAwait(false)) return response;
        response.Dispose();
        return await base.SendAsync(request, ct).ConfigureAwait(false);
    }

    private async Task<bool> AttachAsync(HttpRequestMessage request, AuthChallenge challenge, RegistryScope scope, bool fresh, CancellationToken ct)
    {
        if (challenge.IsBasic)
        {
            if (scope.Credential is null) return false;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", TokenClient.Basic(scope.Credential));
            return true;
        }
        var realm = challenge["realm"] ?? "";
        var service = challenge["service"] ?? "";
        var token = fresh ? null : tokens.Get(realm, service, scope.CacheKey);
        if (token is null)
        {
            var response = await TokenClient.FetchAsync((r, c) => base.SendAsync(r, c), challenge, scope, ct).ConfigureAwait(false);
            if (response is null) return false;
            token = response.Token is { Length: > 0 } t ? t : response.AccessToken!;
            tokens.Put(realm, service, scope.CacheKey, token, response.ExpiresIn);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return true;
    }
}
