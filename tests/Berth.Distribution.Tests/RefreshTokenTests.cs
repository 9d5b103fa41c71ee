using Berth.Distribution.Tests.Fixtures;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Distribution.Tests;

/// <summary>
/// Identity-token credentials (user name <c>&lt;token&gt;</c>, as <c>docker login</c> stores them) get bearer
/// tokens by distribution's OAuth2 flow: POST to the realm with <c>grant_type=refresh_token</c>. The real
/// registry checks the tokens <see cref="TokenServer"/> signs.
/// </summary>
public sealed class RefreshTokenTests
{
    [Fact]
    public async Task Identity_token_credential_gets_tokens_by_oauth2_refresh_and_may_push()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
        using var tokens = new TokenServer();
        using var bundle = new TempDir();
        File.WriteAllText(bundle["root.pem"], tokens.CertificatePem);
        using var registry = new RegistryProcess(extraConfig: tokens.AuthConfig(bundle["root.pem"]));
        var repo = Reference.Parse($"{registry.Domain}/team/app");
        var identity = new Credential(TokenClient.IdentityTokenUser, TokenServer.RefreshToken);
        var image = TestImage.Create(40);

        using var client = new RegistryClient(new RegistryOptions { ChunkSize = 64 << 10 }, new MemoryCredentialStore(registry.Domain, identity));
        // Pushing needs alice's token: only the refresh token can have earned it.
        await image.PushAsync(client, repo.WithTag("v1"));
        var manifest = await client.GetManifestAsync(repo.WithTag("v1"), default);
        Assert.Equal(image.ManifestDigest, manifest.Descriptor.Digest);

        Assert.Equal(0, tokens.Gets);
        Assert.NotEmpty(tokens.Posts);
        foreach (var form in tokens.Posts)
        {
            Assert.Equal("refresh_token", form["grant_type"]);
            Assert.Equal(TokenServer.RefreshToken, form["refresh_token"]);
            Assert.Equal("berth", form["client_id"]);
            Assert.Equal(TokenServer.Service, form["service"]);
        }
        Assert.Contains(tokens.Posts, f => f["scope"] == "repository:team/app:pull,push");
        // The token is cached per scope: pulling again asks nothing more.
        var posts = tokens.Posts.Count;
        await client.GetManifestAsync(repo.WithTag("v1"), default);
        Assert.Equal(posts, tokens.Posts.Count);
    }

    [Fact]
    public async Task Login_with_an_identity_token_checks_it_by_oauth2_refresh()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
        using var tokens = new TokenServer();
        using var bundle = new TempDir();
        File.WriteAllText(bundle["root.pem"], tokens.CertificatePem);
        using var registry = new RegistryProcess(extraConfig: tokens.AuthConfig(bundle["root.pem"]));
        using var client = new RegistryClient(new RegistryOptions());

        await client.LoginAsync(registry.Domain, new Credential(TokenClient.IdentityTokenUser, TokenServer.RefreshToken), default);
        var bad = await Assert.ThrowsAsync<BerthException>(() =>
            client.LoginAsync(registry.Domain, new Credential(TokenClient.IdentityTokenUser, "revoked"), default));
        Assert.Equal(ErrorKind.PermissionDenied, bad.Kind);
        Assert.Equal("unauthorized: incorrect username or password", bad.Message);
        Assert.Equal(2, tokens.Posts.Count);
        Assert.Equal(0, tokens.Gets);
    }

    [Fact]
    public async Task Refresh_token_with_a_bad_secret_denies_the_pull()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
        using var tokens = new TokenServer();
        using var bundle = new TempDir();
        File.WriteAllText(bundle["root.pem"], tokens.CertificatePem);
        using var registry = new RegistryProcess(extraConfig: tokens.AuthConfig(bundle["root.pem"]));
        using var client = new RegistryClient(new RegistryOptions(),
            new MemoryCredentialStore(registry.Domain, new Credential(TokenClient.IdentityTokenUser, "revoked")));
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(Reference.Parse($"{registry.Domain}/team/app:v1"), default));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("unauthorized: incorrect username or password", error.Message);
        Assert.Equal(0, tokens.Gets);
    }
}
