using Berth.Distribution.Tests.Fixtures;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Distribution.Tests;

/// <summary>
/// <see cref="RegistryOptions.InsecureRegistries"/> against the real registry on the machine's host name (loopback
/// names always speak plain HTTP): a self-signed certificate that no certs.d directory vouches for is accepted
/// for a listed host and refused for any other; a listed host without TLS is reached over HTTP.
/// </summary>
public sealed class InsecureRegistryTests
{
    private static RegistryProcess StartSelfSigned(string host, TempDir files)
    {
        var certificate = TestCertificates.SelfSigned(host);
        File.WriteAllText(files["server.crt"], certificate.ServerCertPem);
        File.WriteAllText(files["server.key"], certificate.ServerKeyPem);
        return new RegistryProcess(host, httpExtra: $"  tls:\n    certificate: {files["server.crt"]}\n    key: {files["server.key"]}\n");
    }

    private static void RequireRegistry()
    {
        if (!RegistryProcess.Available) throw new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed");
    }

    private static async Task PushAndPullAsync(RegistryClient client, Reference repo, int seed)
    {
        var image = TestImage.Create(seed);
        await image.PushAsync(client, repo.WithTag("v1"));
        var manifest = await client.GetManifestAsync(repo.WithTag("v1"), default);
        Assert.Equal(image.ManifestDigest, manifest.Descriptor.Digest);
        await using var layer = await client.OpenBlobAsync(repo, image.Layers[1].Descriptor, 0, default);
        Assert.Equal(image.Layers[1].Digest, await Digest.ComputeAsync(layer, default));
    }

    [TlsHostFact]
    public async Task Self_signed_certificate_is_accepted_for_a_listed_host_port()
    {
        RequireRegistry();
        using var files = new TempDir();
        using var registry = StartSelfSigned(TlsHostFactAttribute.Name!, files);
        using var emptyCerts = new TempDir();
        using var client = new RegistryClient(new RegistryOptions
        {
            CertificatesDirectory = emptyCerts.Path,
            InsecureRegistries = [registry.Domain],
            ChunkSize = 64 << 10,
        });
        await PushAndPullAsync(client, Reference.Parse($"{registry.Domain}/insecure/by-port"), 50);
    }

    [TlsHostFact]
    public async Task Self_signed_certificate_is_accepted_for_a_listed_host()
    {
        RequireRegistry();
        using var files = new TempDir();
        using var registry = StartSelfSigned(TlsHostFactAttribute.Name!, files);
        using var emptyCerts = new TempDir();
        using var client = new RegistryClient(new RegistryOptions
        {
            CertificatesDirectory = emptyCerts.Path,
            InsecureRegistries = [registry.Host],
            ChunkSize = 64 << 10,
        });
        await PushAndPullAsync(client, Reference.Parse($"{registry.Domain}/insecure/by-host"), 51);
    }

    [TlsHostFact]
    public async Task Self_signed_certificate_is_refused_for_a_host_not_listed()
    {
        RequireRegistry();
        using var files = new TempDir();
        using var registry = StartSelfSigned(TlsHostFactAttribute.Name!, files);
        using var emptyCerts = new TempDir();
        using var client = new RegistryClient(new RegistryOptions
        {
            CertificatesDirectory = emptyCerts.Path,
            InsecureRegistries = ["other.example:5000", "10.0.0.0/8"],
            MaxAttempts = 1,
        });
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(Reference.Parse($"{registry.Domain}/insecure/app:v1"), default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.StartsWith($"Get \"https://{registry.Domain}/v2/\": tls: ", error.Message);
    }

    [TlsHostFact]
    public async Task Listed_host_without_tls_is_reached_over_http()
    {
        RequireRegistry();
        using var registry = new RegistryProcess(TlsHostFactAttribute.Name!);
        using var client = new RegistryClient(new RegistryOptions { InsecureRegistries = [registry.Domain], MaxAttempts = 1, ChunkSize = 64 << 10 });
        await PushAndPullAsync(client, Reference.Parse($"{registry.Domain}/insecure/plain"), 52);

        using var strict = new RegistryClient(new RegistryOptions { MaxAttempts = 1 });
        var error = await Assert.ThrowsAsync<BerthException>(() => strict.GetManifestAsync(Reference.Parse($"{registry.Domain}/insecure/plain:v1"), default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.StartsWith($"Get \"https://{registry.Domain}/v2/\": ", error.Message);
    }
}
