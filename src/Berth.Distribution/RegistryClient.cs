using System.Collections.Concurrent;
using System.Net;
using Berth.Oci;

namespace Berth.Distribution;

/// <summary>
/// The registry client over one pooled <see cref="HttpClient"/> whose handler chain is
/// <see cref="RetryHandler"/> → <see cref="RedirectHandler"/> → <see cref="AuthChallengeHandler"/> → sockets.
/// Each registry host is pinged once (<c>GET /v2/</c>) to settle http or https; docker.io pulls try the
/// configured mirrors first and fall back to <c>registry-1.docker.io</c>.
/// </summary>
public sealed partial class RegistryClient : IRegistryClient, IDisposable
{
    internal const string DockerHubHost = "registry-1.docker.io";
    private readonly RegistryOptions _options;
    private readonly ICredentialStore? _credentials;
    private readonly HttpClient _http;
    private readonly InsecureRegistries _insecure;
    private readonly ConcurrentDictionary<string, Lazy<Task<Uri>>> _bases = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<Credential?>>> _credentialCache = new();

    public RegistryClient(RegistryOptions options, ICredentialStore? credentials = null)
    {
        _options = options;
        _credentials = credentials;
        _insecure = new InsecureRegistries(options.InsecureRegistries);
        var tls = new RegistryTls(options, _insecure);
        var sockets = new SocketsHttpHandler
        {
            // Blobs are stored compressed as they are; their digests are over the bytes on the wire.
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            SslOptions =
            {
                RemoteCertificateValidationCallback = tls.Validate,
                LocalCertificateSelectionCallback = tls.SelectClientCertificate,
            },
        };
        var auth = new AuthChallengeHandler(new TokenCache(options.Time)) { InnerHandler = sockets };
        var redirect = new RedirectHandler { InnerHandler = auth };
        var retry = new RetryHandler(options) { InnerHandler = redirect };
        _http = new HttpClient(retry)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("berth");
    }

    /// <summary>Page size asked of <c>tags/list</c> (<c>n</c>); null lets the registry decide.</summary>
    internal int? TagPageSize { get; init; }

    /// <summary>Where docker.io is served after the mirrors; tests point it at a local server so nothing leaves the machine.</summary>
    internal string DockerHubAuthority { get; init; } = DockerHubHost;

    public void Dispose() => _http.Dispose();

    /// <summary>Runs <paramref name="operation"/> against each endpoint in turn (mirrors, then the registry).</summary>
    private async Task<T> OnEndpointsAsync<T>(string domain, bool pull, IReadOnlyList<RepositoryAccess> access,
        Func<Uri, RegistryScope, Task<T>> operation, CancellationToken ct)
    {
        var endpoints = new List<(Uri? Mirror, string Authority, string CredentialKey)>();
        if (domain == Reference.DefaultDomain)
        {
            if (pull)
                foreach (var mirror in _options.Mirrors) endpoints.Add((mirror, mirror.Authority, mirror.Authority));
            endpoints.Add((null, DockerHubAuthority, Reference.DefaultDomain));
        }
        else endpoints.Add((null, domain, domain));
        for (var i = 0; ; i++)
        {
            var (mirror, authority, key) = endpoints[i];
            try
            {
                var baseUri = mirror ?? await ResolveAsync(authority, ct).ConfigureAwait(false);
                var scope = new RegistryScope(baseUri.Authority, access, await CredentialAsync(key).ConfigureAwait(false));
                return await operation(baseUri, scope).ConfigureAwait(false);
            }
            catch (Exception e) when (i < endpoints.Count - 1 && e is BerthException or HttpRequestException or IOException)
            {
                // A failing mirror is skipped, as docker does; the registry itself decides.
            }
        }
    }

    private Task<Credential?> CredentialAsync(string key)
    {
        if (_credentials is null) return Task.FromResult<Credential?>(null);
        var lazy = _credentialCache.GetOrAdd(key, k => new Lazy<Task<Credential?>>(() => _credentials.GetAsync(k, CancellationToken.None)));
        return lazy.Value;
    }

    /// <summary>The base URI (scheme and authority) a registry answers on, found by pinging <c>/v2/</c> once.</summary>
    private async Task<Uri> ResolveAsync(string authority, CancellationToken ct)
    {
        var lazy = _bases.GetOrAdd(authority, a => new Lazy<Task<Uri>>(() => PingAsync(a, ct)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _bases.TryRemove(new(authority, lazy));
            throw;
        }
    }

    private async Task<Uri> PingAsync(string authority, CancellationToken ct)
    {
        string[] schemes = InsecureRegistries.IsLoopback(authority) ? ["http"]
            : _insecure.IsInsecure(authority) ? ["https", "http"] : ["https"];
        for (var i = 0; ; i++)
        {
            var baseUri = new Uri($"{schemes[i]}://{authority}");
            var url = new Uri(baseUri, "/v2/");
            try
            {
                using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                return baseUri;
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                if (i == schemes.Length - 1) throw RegistryErrors.Connection(HttpMethod.Get, url, e);
            }
        }
    }

    /// <summary>Sends one request carrying <paramref name="scope"/>; transport failures become docker-worded errors.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, RegistryScope scope,
        HttpCompletionOption completion, CancellationToken ct)
    {
        request.Options.Set(RegistryScope.Key, scope);
        // HTTP/2 where TLS ALPN offers it (many registries and CDNs do), HTTP/1.1 otherwise.
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher;
        try
        {
            return await _http.SendAsync(request, completion, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw RegistryErrors.Connection(request.Method, request.RequestUri!, e);
        }
    }

    private static Uri Url(Uri baseUri, string pathAndQuery) => new(baseUri, pathAndQuery);

    private static IReadOnlyList<RepositoryAccess> Pull(Reference repository) => [new(repository.Path, RepositoryAccess.Pull)];

    private static IReadOnlyList<RepositoryAccess> Push(Reference repository) => [new(repository.Path, RepositoryAccess.PullPush)];
}
