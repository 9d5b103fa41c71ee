using System.Text;
using System.Text.Json.Nodes;
using Berth.Distribution.Tests.Fixtures;
using Berth.Testing;

namespace Berth.Distribution.Tests;

public sealed class DockerConfigCredentialStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Config => _dir["config.json"];

    [Fact]
    public async Task Auths_entries_are_read_with_key_normalization()
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        File.WriteAllText(Config, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + B64("hub:pw") + "\"},"
            + "\"http://reg.local:5000\":{\"auth\":\"" + B64("me:p:w") + "\"},\"idp.example\":{\"auth\":\"\",\"identitytoken\":\"refresh-123\"}}}");
        var store = new DockerConfigCredentialStore(Config);
        Assert.Equal(new Credential("hub", "pw"), await store.GetAsync("docker.io", default));
        Assert.Equal(new Credential("me", "p:w"), await store.GetAsync("reg.local:5000", default));
        Assert.Equal(new Credential("<token>", "refresh-123"), await store.GetAsync("idp.example", default));
        Assert.Null(await store.GetAsync("other.example", default));
    }

    [Fact]
    public async Task Store_and_erase_keep_unknown_keys_and_write_mode_0600()
    {
        File.WriteAllText(Config, """{"auths":{},"psFormat":"table {{.ID}}","proxies":{"default":{"httpProxy":"x"}}}""");
        var store = new DockerConfigCredentialStore(Config);
        await store.StoreAsync("index.docker.io", new Credential("u", "p"), default);
        var json = JsonNode.Parse(File.ReadAllText(Config))!;
        Assert.Equal("table {{.ID}}", json["psFormat"]!.GetValue<string>());
        Assert.Equal("x", json["proxies"]!["default"]!["httpProxy"]!.GetValue<string>());
        Assert.NotNull(json["auths"]!["https://index.docker.io/v1/"]!["auth"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Config));
        Assert.Equal(new Credential("u", "p"), await store.GetAsync("docker.io", default));
        Assert.True(await store.EraseAsync("docker.io", default));
        Assert.False(await store.EraseAsync("docker.io", default));
        Assert.Null(await store.GetAsync("docker.io", default));
        Assert.Equal("table {{.ID}}", JsonNode.Parse(File.ReadAllText(Config))!["psFormat"]!.GetValue<string>());
    }

    [Fact]
    public async Task Credential_helper_speaks_the_helper_protocol()
    {
        var bin = Directory.CreateDirectory(_dir["bin"]).FullName;
        var state = _dir["helper-state"];
        var helper = Path.Combine(bin, "docker-credential-fake");
        // Stores the JSON it is given; answers get with it; erase deletes it.
        File.WriteAllText(helper, $$"""
            #!/bin/sh
            case "$1" in
              store) cat > '{{state}}' ;;
              get) read url; if [ -f '{{state}}' ]; then cat '{{state}}'; else echo "credentials not found in native keychain"; exit 1; fi ;;
              erase) read url; if [ -f '{{state}}' ]; then rm '{{state}}'; else echo "credentials not found in native keychain"; exit 1; fi ;;
            esac
            """);
        File.SetUnixFileMode(helper, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Config, """{"credHelpers":{"reg.example":"fake"}}""");
        var store = new DockerConfigCredentialStore(Config, bin);
        Assert.Null(await store.GetAsync("reg.example", default));
        await store.StoreAsync("reg.example", new Credential("carol", "pw"), default);
        Assert.Contains("\"ServerURL\":\"reg.example\"", File.ReadAllText(state));
        Assert.Equal(new Credential("carol", "pw"), await store.GetAsync("reg.example", default));
        Assert.True(await store.EraseAsync("reg.example", default));
        Assert.Null(await store.GetAsync("reg.example", default));
        Assert.Null(await store.GetAsync("unhelped.example", default));
    }

    public void Dispose() => _dir.Dispose();
}
