using System.Text.Json.Nodes;
using Berth.Cli.Tests.Support;
using Berth.Testing;

namespace Berth.Cli.Tests.Registry;

/// <summary>login, logout and authenticated push/pull: TLS with htpasswd (a test CA in certs-dir), and a token service.</summary>
public sealed class AuthTests
{
    private static string TlsHost() => TlsHostFactAttribute.Name!;

    [TlsHostFact]
    public void Login_and_logout_against_tls_htpasswd_write_and_remove_the_auths_entry()
    {
        if (!RegistryProcess.Available) Assert.Fail($"{RegistryProcess.Binary} is missing: run scripts/setup.sh");
        var host = TlsHost();
        var line = Htpasswd.Line("bob", "hunter2") ?? throw new InvalidOperationException("no bcrypt htpasswd maker (apache2-utils or python3 crypt)");
        var certificates = TestCertificates.Create(host, "localhost");
        using var files = new TempDir();
        File.WriteAllText(files["server.crt"], certificates.ServerCertPem);
        File.WriteAllText(files["server.key"], certificates.ServerKeyPem);
        File.WriteAllText(files["htpasswd"], line + "\n");
        using var registry = new RegistryProcess(host,
            httpExtra: $"  tls:\n    certificate: {files["server.crt"]}\n    key: {files["server.key"]}\n",
            extraConfig: $"auth:\n  htpasswd:\n    realm: berth-test\n    path: {files["htpasswd"]}\n");
        using var t = new TestRoot();
        var certs = t.WorkPath("certs.d");
        Directory.CreateDirectory(Path.Combine(certs, registry.Domain));
        File.WriteAllText(Path.Combine(certs, registry.Domain, "ca.crt"), certificates.CaPem);
        File.WriteAllText(RegistryCli.DaemonJson(t), new JsonObject { ["certs-dir"] = certs }.ToJsonString());
        var name = $"{registry.Domain}/private/app:v1";
        var configJson = Path.Combine(RegistryCli.DockerConfigDir(t), "config.json");

        RegistryCli.Run(t, "pull", name).OneLineError($"pull access denied for {registry.Domain}/private/app");
        RegistryCli.RunWithStdin(t, "wrong\n", "login", "-u", "bob", "--password-stdin", registry.Domain)
            .OneLineError("unauthorized: incorrect username or password");
        Assert.False(File.Exists(configJson) && File.ReadAllText(configJson).Contains(registry.Domain), "a failed login must not store credentials");

        var login = RegistryCli.RunWithStdin(t, "hunter2\n", "login", "-u", "bob", "--password-stdin", registry.Domain).Ok();
        Assert.Contains("Login Succeeded", login.Stdout);
        var auths = JsonNode.Parse(File.ReadAllText(configJson))!["auths"]!.AsObject();
        Assert.Equal(Convert.ToBase64String("bob:hunter2"u8.ToArray()), auths[registry.Domain]!["auth"]!.GetValue<string>());

        var id = Setup.ImportBusybox(t, name);
        RegistryCli.Run(t, "push", name).Ok();
        RegistryCli.Run(t, "rmi", name).Ok();
        RegistryCli.Run(t, "pull", name).Ok();
        Assert.Equal(id, RegistryCli.ImageId(t, name));
        RegistryCli.AssertClean(t);

        RegistryCli.Run(t, "logout", registry.Domain).Ok();
        Assert.Null(JsonNode.Parse(File.ReadAllText(configJson))!["auths"]?[registry.Domain]);
        RegistryCli.Run(t, "rmi", name).Ok();
        RegistryCli.Run(t, "pull", name).OneLineError($"pull access denied for {registry.Domain}/private/app");
    }

    [TlsHostFact]
    public void A_registry_that_demands_a_client_certificate_gets_the_pair_in_certs_d()
    {
        if (!RegistryProcess.Available) Assert.Fail($"{RegistryProcess.Binary} is missing: run scripts/setup.sh");
        var certificates = TestCertificates.Create(TlsHost(), "localhost");
        using var files = new TempDir();
        File.WriteAllText(files["server.crt"], certificates.ServerCertPem);
        File.WriteAllText(files["server.key"], certificates.ServerKeyPem);
        File.WriteAllText(files["ca.pem"], certificates.CaPem);
        using var registry = new RegistryProcess(TlsHost(),
            httpExtra: $"  tls:\n    certificate: {files["server.crt"]}\n    key: {files["server.key"]}\n    clientcas:\n      - {files["ca.pem"]}\n");
        using var t = new TestRoot();
        var certs = Path.Combine(t.WorkPath("certs.d"), registry.Domain);
        Directory.CreateDirectory(certs);
        File.WriteAllText(Path.Combine(certs, "ca.crt"), certificates.CaPem);
        File.WriteAllText(RegistryCli.DaemonJson(t), new JsonObject { ["certs-dir"] = t.WorkPath("certs.d") }.ToJsonString());
        var name = $"{registry.Domain}/mtls/app:v1";
        var id = Setup.ImportBusybox(t, name);

        // Without a client certificate the registry ends the handshake: one line naming the registry, nothing pushed.
        // (Under TLS 1.3 the registry's alert may arrive after the client's first read: the cause named varies.)
        RegistryCli.Run(t, "push", name).OneLineError($"Get \"https://{registry.Domain}/v2/\": ");

        File.WriteAllText(Path.Combine(certs, "client.cert"), certificates.ClientCertPem);
        File.WriteAllText(Path.Combine(certs, "client.key"), certificates.ClientKeyPem);
        RegistryCli.Run(t, "push", name).Ok();
        RegistryCli.Run(t, "rmi", name).Ok();
        RegistryCli.Run(t, "pull", name).Ok();
        Assert.Equal(id, RegistryCli.ImageId(t, name));
        RegistryCli.AssertClean(t);
    }

    [Fact]
    public void Token_auth_lets_anonymous_pull_and_the_logged_in_user_push()
    {
        if (!RegistryProcess.Available) Assert.Fail($"{RegistryProcess.Binary} is missing: run scripts/setup.sh");
        using var tokens = new TokenServer();
        using var bundle = new TempDir();
        File.WriteAllText(bundle["root.pem"], tokens.CertificatePem);
        using var registry = new RegistryProcess(extraConfig: tokens.AuthConfig(bundle["root.pem"]));
        using var t = new TestRoot();
        var name = $"{registry.Domain}/tok/app:v1";
        var id = Setup.ImportBusybox(t, name);

        Assert.NotEqual(0, RegistryCli.Run(t, "push", name).ExitCode);
        RegistryCli.RunWithStdin(t, TokenServer.Password, "login", "-u", TokenServer.User, "--password-stdin", registry.Domain).Ok();
        RegistryCli.Run(t, "push", name).Ok();
        Assert.True(tokens.Requests > 0);

        using var anonymous = new TestRoot();
        RegistryCli.Run(anonymous, "pull", name).Ok();
        Assert.Equal(id, RegistryCli.ImageId(anonymous, name));
        RegistryCli.AssertClean(anonymous);
    }
}
