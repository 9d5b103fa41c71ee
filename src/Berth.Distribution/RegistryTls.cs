using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Distribution;

/// <summary>
/// TLS trust per registry, docker's certs.d layout: <c>&lt;dir&gt;/&lt;host[:port]&gt;/*.crt</c> are extra CA
/// roots (besides the system's), <c>*.cert</c> + <c>*.key</c> pairs are client certificates. Insecure
/// registries accept any server certificate. The TLS callbacks only see the host name, so directories (and
/// insecure <c>host:port</c> entries) for every port of that host apply.
/// </summary>
internal sealed class RegistryTls(RegistryOptions options, InsecureRegistries insecure)
{
    private readonly ConcurrentDictionary<string, X509Certificate2Collection> _roots = new();
    private readonly ConcurrentDictionary<string, X509Certificate2?> _clientCertificates = new();

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        var host = (sender as SslStream)?.TargetHostName ?? "";
        if (insecure.IsInsecureHost(host)) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
        var roots = _roots.GetOrAdd(host, LoadRoots);
        if (roots.Count == 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public X509Certificate? SelectClientCertificate(object sender, string targetHost, X509CertificateCollection local, X509Certificate? remote, string[] issuers) =>
        _clientCertificates.GetOrAdd(targetHost, LoadClientCertificate);

    private IEnumerable<string> Directories(string host)
    {
        if (!Directory.Exists(options.CertificatesDirectory)) return [];
        return Directory.EnumerateDirectories(options.CertificatesDirectory).Where(d =>
        {
            var name = Path.GetFileName(d);
            return InsecureRegistries.HostOf(name).Equals(host, StringComparison.OrdinalIgnoreCase);
        });
    }

    private X509Certificate2Collection LoadRoots(string host)
    {
        var roots = new X509Certificate2Collection();
        foreach (var file in Directories(host).SelectMany(d => Directory.EnumerateFiles(d, "*.crt")))
            roots.ImportFromPemFile(file);
        return roots;
    }

    private X509Certificate2? LoadClientCertificate(string host)
    {
        foreach (var cert in Directories(host).SelectMany(d => Directory.EnumerateFiles(d, "*.cert")))
        {
            var key = Path.ChangeExtension(cert, ".key");
            if (!File.Exists(key)) continue;
            using var pem = X509Certificate2.CreateFromPemFile(cert, key);
            // SslStream on Linux wants a certificate whose key it can export into its store.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return null;
    }
}
