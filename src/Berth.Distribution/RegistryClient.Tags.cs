using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Distribution;

public sealed partial class RegistryClient
{
    public Task<IReadOnlyList<string>> ListTagsAsync(Reference repository, CancellationToken ct) =>
        OnEndpointsAsync(repository.Domain, pull: true, Pull(repository), async (baseUri, scope) =>
        {
            var tags = new List<string>();
            Uri? next = Url(baseUri, $"/v2/{repository.Path}/tags/list" + (TagPageSize is { } n ? $"?n={n}" : ""));
            while (next is not null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) throw await RegistryErrors.PullAsync(response, repository, "repository", ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                try
                {
                    tags.AddRange(JsonSerializer.Deserialize(body, DistributionJsonContext.Default.TagList)?.Tags ?? []);
                }
                catch (JsonException e)
                {
                    throw BerthException.Invalid($"malformed tag list for {repository.FamiliarName}: {e.Message}", e);
                }
                next = NextPage(response, next);
            }
            return (IReadOnlyList<string>)tags;
        }, ct);

    public async Task LoginAsync(string registry, Credential credential, CancellationToken ct)
    {
        var domain = NormalizeRegistry(registry);
        var authority = domain == Reference.DefaultDomain ? DockerHubAuthority : domain;
        var baseUri = await ResolveAsync(authority, ct).ConfigureAwait(false);
        var scope = new RegistryScope(baseUri.Authority, [], credential) { ForceToken = true };
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(baseUri, "/v2/"));
        using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new BerthException(ErrorKind.PermissionDenied, RegistryErrors.BadCredentials);
        if (!response.IsSuccessStatusCode) throw RegistryErrors.Status(response, await RegistryErrors.ReadErrorAsync(response, ct).ConfigureAwait(false));
    }

    /// <summary><c>https://index.docker.io/v1/</c>, <c>index.docker.io</c> and <c>http://host/</c> name registries too.</summary>
    internal static string NormalizeRegistry(string registry)
    {
        var host = registry;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        return host is "index.docker.io" or DockerHubHost or "" ? Reference.DefaultDomain : host.ToLowerInvariant();
    }

    /// <summary>RFC 5988 <c>Link: &lt;/v2/x/tags/list?n=2&amp;last=b&gt;; rel="next"</c>, as the spec paginates.</summary>
    private static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
        {
            var match = LinkRegex().Match(link);
            if (match.Success) return new Uri(current, match.Groups[1].Value);
        }
        return null;
    }

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex LinkRegex();
}
