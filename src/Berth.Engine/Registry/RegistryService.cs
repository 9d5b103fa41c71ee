using Berth.Distribution;
using Berth.Oci;

namespace Berth.Engine.Registry;

/// <summary><c>login</c>, <c>logout</c> and <c>manifest inspect</c>: what talks to registries without touching the image store.</summary>
public sealed class RegistryService
{
    /// <summary>Docker's key for Docker Hub in config.json; <c>login</c> without a server means it.</summary>
    public const string DockerHubServer = "https://index.docker.io/v1/";

    private readonly Func<IRegistryClient> _client;
    private readonly ICredentialStore _credentials;

    internal RegistryService(Func<IRegistryClient> client, ICredentialStore credentials)
    {
        _client = client;
        _credentials = credentials;
    }

    /// <summary>Verifies the credential against the registry, then stores it; returns the server key used.</summary>
    public async Task<string> LoginAsync(string? server, Credential credential, CancellationToken ct)
    {
        var key = ServerKey(server);
        await _client().LoginAsync(key, credential, ct).ConfigureAwait(false);
        await _credentials.StoreAsync(key, credential, ct).ConfigureAwait(false);
        return key;
    }

    /// <summary>Removes a stored credential; false when none was stored.</summary>
    public async Task<(string Server, bool Removed)> LogoutAsync(string? server, CancellationToken ct)
    {
        var key = ServerKey(server);
        return (key, await _credentials.EraseAsync(key, ct).ConfigureAwait(false));
    }

    /// <summary>The manifest or index a reference names on its registry, as raw JSON bytes.</summary>
    public async Task<FetchedManifest> GetManifestAsync(string name, CancellationToken ct)
    {
        if (!Reference.TryParse(name, out var reference, out var error)) throw BerthException.Invalid(error);
        return await _client().GetManifestAsync(reference.WithDefaultTag(), ct).ConfigureAwait(false);
    }

    private static string ServerKey(string? server) =>
        server is null or "" or "docker.io" or "index.docker.io" or "registry-1.docker.io" ? DockerHubServer : server;
}
