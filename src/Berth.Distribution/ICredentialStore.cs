namespace Berth.Distribution;

/// <summary>
/// Where registry credentials live. The docker-compatible store reads and writes <c>~/.docker/config.json</c>
/// (<c>auths</c>; <c>credHelpers</c> and <c>credsStore</c> through <c>docker-credential-*</c> programs), so a
/// <c>docker login</c> is a <c>berth login</c> and the other way round. Registry keys are normalized
/// (<c>docker.io</c> is stored as <c>https://index.docker.io/v1/</c>, as docker does).
/// </summary>
public interface ICredentialStore
{
    Task<Credential?> GetAsync(string registry, CancellationToken ct);

    Task StoreAsync(string registry, Credential credential, CancellationToken ct);

    /// <summary>Removes the credential; false when there was none.</summary>
    Task<bool> EraseAsync(string registry, CancellationToken ct);
}
