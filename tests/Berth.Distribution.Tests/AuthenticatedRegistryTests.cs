using Berth.Distribution.Tests.Fixtures;
using Berth.Testing;
using Berth.Oci;

namespace Berth.Distribution.Tests;

/// <summary>The real registry behind TLS (a test CA in certs.d) with htpasswd, and behind a token service.</summary>
public sealed class AuthenticatedRegistryTests
{
    private static (RegistryProcess Registry, TempDir Certs) StartTls(string host, string htpasswdLine)
    {
        var certificates = TestCertificates.Create(host, "localhost");
        var certs = new TempDir();
        // Files first, then the process: the config names them. They live with the CA, so one dispose removes all.
        var tlsDir = certs;
        File.WriteAllText(tlsDir["server.crt"], certificates.ServerCertPem);
        File.WriteAllText(tlsDir["server.key"], certificates.ServerKeyPem);
        File.WriteAllText(tlsDir["htpasswd"], htpasswdLine + "\n");
        var real = new RegistryProcess(host,
            httpExtra: $"  tls:\n    certificate: {tlsDir["server.crt"]}\n    key: {tlsDir["server.key"]}\n",
            extraConfig: $"auth:\n  htpasswd:\n    realm: berth-test\n    path: {tlsDir["htpasswd"]}\n");
        Directory.CreateDirectory(Path.Combine(certs.Path, real.Domain));
        File.WriteAllText(Path.Combine(certs.Path, real.Domain, "ca.crt"), certificates.CaPem);
        return (real, certs);
    }

    [TlsHostFact]
    public async Task Htpasswd_over_tls_denies_anonymous_pulls_checks_logins_and_serves_the_right_user()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
        var host = TlsHostFactAttribute.Name!;
        var line = Htpasswd.Line("bob", "hunter2")
            ?? throw new InvalidOperationException("SKIPPED: neither htpasswd (apache2-utils) nor python3 crypt can make a bcrypt hash");
        var (registry, certs) = StartTls(host, line);
        using var _ = registry;
        using var __ = certs;
        var options = new RegistryOptions { CertificatesDirectory = certs.Path, ChunkSize = 64 << 10 };
        var repo = Reference.Parse($"{registry.Domain}/private/app");

        using var anonymous = new RegistryClient(options);
        var denied = await Assert.ThrowsAsync<BerthException>(() => anonymous.GetManifestAsync(repo.WithTag("v1"), default));
        Assert.Equal(ErrorKind.PermissionDenied, denied.Kind);
        Assert.StartsWith($"pull access denied for {registry.Domain}/private/app, repository does not exist or may require 'docker login': ", denied.Message);

        var bad = await Assert.ThrowsAsync<BerthException>(() => anonymous.LoginAsync(registry.Domain, new Credential("bob", "wrong"), default));
        Assert.Equal(ErrorKind.PermissionDenied, bad.Kind);
        Assert.Equal("unauthorized: incorrect username or password", bad.Message);
        await anonymous.LoginAsync(registry.Domain, new Credential("bob", "hunter2"), default);

        using var bob = new RegistryClient(options, new MemoryCredentialStore(registry.Domain, new Credential("bob", "hunter2")));
        var image = TestImage.Create(10);
        await image.PushAsync(bob, repo.WithTag("v1"));
        var pulled = await bob.GetManifestAsync(repo.WithTag("v1"), default);
        Assert.Equal(image.ManifestDigest, pulled.Descriptor.Digest);
    }

    [TlsHostFact]
    public async Task Untrusted_certificate_is_refused_without_the_ca()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
        var host = TlsHostFactAttribute.Name!;
        var line = Htpasswd.Line("bob", "hunter2") ?? throw new InvalidOperationException("SKIPPED: no bcrypt htpasswd maker");
        var (registry, certs) = StartTls(host, line);
        using var _ = registry;
        using var __ = certs;
        using var client = new RegistryClient(new RegistryOptions { CertificatesDirectory = "/nonexistent", MaxAttempts = 1 });
        var error = await Assert.ThrowsAsync<BerthException>(() => client.ListTagsAsync(Reference.Parse($"{registry.Domain}/x"), default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.StartsWith($"Get \"https://{registry.Domain}/v2/\": tls: ", error.Message);
    }

    [Fact]
    public async Task Token_service_grants_push_to_users_and_pull_to_everyone_and_tokens_are_cached()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
        using var tokens = new TokenServer();
        using var bundle = new TempDir();
        File.WriteAllText(bundle["root.pem"], tokens.CertificatePem);
        using var registry = new RegistryProcess(extraConfig: tokens.AuthConfig(bundle["root.pem"]));
        var repo = Reference.Parse($"{registry.Domain}/team/app");
        var options = new RegistryOptions { ChunkSize = 64 << 10 };
        var image = TestImage.Create(20);

        using var anonymous = new RegistryClient(options);
        var denied = await Assert.ThrowsAsync<BerthException>(() => image.PushAsync(anonymous, repo.WithTag("v1")));
        Assert.Equal(ErrorKind.PermissionDenied, denied.Kind);
        Assert.Equal("denied: requested access to the resource is denied", denied.Message);

        var badLogin = await Assert.ThrowsAsync<BerthException>(() => anonymous.LoginAsync(registry.Domain, new Credential(TokenServer.User, "nope"), default));
        Assert.Equal("unauthorized: incorrect username or password", badLogin.Message);
        await anonymous.LoginAsync(registry.Domain, new Credential(TokenServer.User, TokenServer.Password), default);

        using var alice = new RegistryClient(options, new MemoryCredentialStore(registry.Domain, new Credential(TokenServer.User, TokenServer.Password)));
        await image.PushAsync(alice, repo.WithTag("v1"));

        using var reader = new RegistryClient(options);
        var before = tokens.Requests;
        for (var i = 0; i < 3; i++)
        {
            var manifest = await reader.GetManifestAsync(repo.WithTag("v1"), default);
            Assert.Equal(image.ManifestDigest, manifest.Descriptor.Digest);
        }
        Assert.Equal(before + 1, tokens.Requests);
        await using var layer = await reader.OpenBlobAsync(repo, image.Layers[1].Descriptor, 0, default);
        Assert.Equal(image.Layers[1].Digest, await Digest.ComputeAsync(layer, default));
        Assert.Equal(before + 1, tokens.Requests);
    }
}
