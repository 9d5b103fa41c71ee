using System.Net;

namespace Berth.Distribution;

/// <summary>
/// Follows redirects itself (blob GETs are commonly sent to object storage) so that credentials stay with the
/// registry: the request is re-sent with its headers but without <c>Authorization</c>, and the auth handler
/// below only re-adds it when the target is still the registry's host (docker's behaviour).
/// </summary>
internal sealed class RedirectHandler : DelegatingHandler
{
    private const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct).ConfigureAwait(false);
        var current = request;
        for (var hop = 0; IsRedirect(response.StatusCode) && current.Content is null && response.Headers.Location is { } location; hop++)
        {
            if (hop == MaxRedirects) throw new HttpRequestException($"stopped after {MaxRedirects} redirects");
            var target = location.IsAbsoluteUri ? location : new Uri(current.RequestUri!, location);
            var method = response.StatusCode == HttpStatusCode.SeeOther && current.Method != HttpMethod.Head ? HttpMethod.Get : current.Method;
            var next = new HttpRequestMessage(method, target) { Version = current.Version, VersionPolicy = current.VersionPolicy };
            foreach (var header in current.Headers)
                if (!header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                    next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (current.Options.TryGetValue(RegistryScope.Key, out var scope)) next.Options.Set(RegistryScope.Key, scope);
            response.Dispose();
            if (!ReferenceEquals(current, request)) current.Dispose();
            current = next;
            response = await base.SendAsync(current, ct).ConfigureAwait(false);
        }
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;
}
