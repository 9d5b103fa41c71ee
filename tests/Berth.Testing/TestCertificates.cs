using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Testing;

/// <summary>
/// A throwaway CA, a server certificate it signed for the given host names and 127.0.0.1, and a client
/// certificate it signed (for registries that demand one).
/// </summary>
public sealed class TestCertificates
{
    public required string CaPem { get; init; }
    public required string ServerCertPem { get; init; }
    public required string ServerKeyPem { get; init; }
    public string ClientCertPem { get; init; } = "";
    public string ClientKeyPem { get; init; } = "";

    public static TestCertificates Create(params string[] hosts)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=berth test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + hosts[0], serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts) san.AddDnsName(host);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));

        using var clientKey = RSA.Create(2048);
        var clientRequest = new CertificateRequest("CN=berth test client", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        clientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = clientRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
        return new TestCertificates
        {
            CaPem = ca.ExportCertificatePem(),
            ServerCertPem = server.ExportCertificatePem(),
            ServerKeyPem = serverKey.ExportRSAPrivateKeyPem(),
            ClientCertPem = client.ExportCertificatePem(),
            ClientKeyPem = clientKey.ExportRSAPrivateKeyPem(),
        };
    }

    /// <summary>A self-signed server certificate for the given host names and 127.0.0.1, no CA (<see cref="CaPem"/> is the certificate itself).</summary>
    public static TestCertificates SelfSigned(params string[] hosts)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + hosts[0], key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts) san.AddDnsName(host);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem();
        return new TestCertificates { CaPem = pem, ServerCertPem = pem, ServerKeyPem = key.ExportRSAPrivateKeyPem() };
    }
}
