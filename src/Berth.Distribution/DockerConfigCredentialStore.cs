using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Oci;

namespace Berth.Distribution;

/// <summary>
/// Credentials in docker's <c>config.json</c> (<c>$DOCKER_CONFIG/config.json</c>, else
/// <c>~/.docker/config.json</c>): <c>auths</c> entries (base64 <c>user:password</c>, or an
/// <c>identitytoken</c>), or a helper named by <c>credHelpers[host]</c> or <c>credsStore</c>. Writes keep every key
/// this class does not know and replace the file atomically with mode 0600.
/// </summary>
public sealed class DockerConfigCredentialStore : ICredentialStore
{
    /// <summary>Docker Hub's key in config.json, for historical reasons the v1 index URL.</summary>
    public const string DockerHubKey = "https://index.docker.io/v1/";
    private readonly string? _helperSearchPath;

    /// <param name="configPath">The config.json; null for docker's default location.</param>
    /// <param name="helperSearchPath">Where to look for <c>docker-credential-*</c> (a PATH value); null for $PATH.</param>
    public DockerConfigCredentialStore(string? configPath = null, string? helperSearchPath = null)
    {
        ConfigPath = configPath ?? DefaultPath();
        _helperSearchPath = helperSearchPath;
    }

    public string ConfigPath { get; }

    public static string DefaultPath()
    {
        var dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir)) dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return Path.Combine(dir, "config.json");
    }

    /// <summary>The key docker files a registry under: Docker Hub's v1 URL, else the bare host[:port].</summary>
    public static string KeyOf(string registry)
    {
        var host = registry.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        host = host.ToLowerInvariant();
        return host is "docker.io" or "index.docker.io" or "registry-1.docker.io" or "" ? DockerHubKey : host;
    }

    public async Task<Credential?> GetAsync(string registry, CancellationToken ct)
    {
        var key = KeyOf(registry);
        var config = await LoadAsync(ct).ConfigureAwait(false);
        if (HelperFor(config, key) is { } helper) return await helper.GetAsync(key, ct).ConfigureAwait(false);
        if (FindEntry(config, key) is not { } entry || entry.Value is not JsonObject auth) return null;
        if (auth["identitytoken"]?.GetValue<string>() is { Length: > 0 } identity) return new Credential(TokenClient.IdentityTokenUser, identity);
        if (auth["auth"]?.GetValue<string>() is not { Length: > 0 } encoded) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException e)
        {
            throw BerthException.Invalid($"invalid auth configuration file {ConfigPath}: {e.Message}", e);
        }
        var colon = decoded.IndexOf(':');
        return colon < 0 ? throw BerthException.Invalid($"invalid auth configuration file {ConfigPath}") : new Credential(decoded[..colon], decoded[(colon + 1)..]);
    }

    public async Task StoreAsync(string registry, Credential credential, CancellationToken ct)
    {
        var key = KeyOf(registry);
        var config = await LoadAsync(ct).ConfigureAwait(false);
        var auths = config["auths"] as JsonObject ?? new JsonObject();
        config["auths"] = auths;
        if (FindEntry(config, key) is { } old) auths.Remove(old.Key);
        if (HelperFor(config, key) is { } helper)
        {
            await helper.StoreAsync(key, credential, ct).ConfigureAwait(false);
            auths[key] = new JsonObject(); // docker leaves an empty entry so `docker info` lists the registry
        }
        else if (credential.Username == TokenClient.IdentityTokenUser)
            auths[key] = new JsonObject { ["identitytoken"] = credential.Secret };
        else
            auths[key] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Secret}")) };
        await SaveAsync(config, ct).ConfigureAwait(false);
    }

    public async Task<bool> EraseAsync(string registry, CancellationToken ct)
    {
        var key = KeyOf(registry);
        var config = await LoadAsync(ct).ConfigureAwait(false);
        var erased = HelperFor(config, key) is { } helper && await helper.EraseAsync(key, ct).ConfigureAwait(false);
        if (FindEntry(config, key) is { } entry && config["auths"] is JsonObject auths)
        {
            erased |= entry.Value is JsonObject { Count: > 0 };
            auths.Remove(entry.Key);
            await SaveAsync(config, ct).ConfigureAwait(false);
        }
        return erased;
    }

    private CredentialHelper? HelperFor(JsonObject config, string key)
    {
        var name = (config["credHelpers"] as JsonObject)?[key == DockerHubKey ? "docker.io" : key]?.GetValue<string>()
            ?? (config["credHelpers"] as JsonObject)?[key]?.GetValue<string>()
            ?? config["credsStore"]?.GetValue<string>();
        return string.IsNullOrEmpty(name) ? null : new CredentialHelper(name, _helperSearchPath);
    }

    /// <summary>The auths entry for a key, matching <c>http://host</c> and <c>https://host/v2/</c> forms by host.</summary>
    private static KeyValuePair<string, JsonNode?>? FindEntry(JsonObject config, string key)
    {
        if (config["auths"] is not JsonObject auths) return null;
        foreach (var entry in auths)
            if (KeyOf(entry.Key) == key) return entry;
        return null;
    }

    private async Task<JsonObject> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(ConfigPath)) return new JsonObject();
        var text = await File.ReadAllTextAsync(ConfigPath, ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return new JsonObject();
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw BerthException.Invalid($"invalid configuration file {ConfigPath}");
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"loading config file {ConfigPath}: {e.Message}", e);
        }
    }

    /// <summary>Temp file in the same directory, fsync, rename: a crash leaves the old or the new file, never half.</summary>
    private async Task SaveAsync(JsonObject config, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(ConfigPath))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".config.json.{Guid.NewGuid():N}.tmp");
        var bytes = Encoding.UTF8.GetBytes(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        try
        {
            await using (var file = new FileStream(temp, options))
            {
                await file.WriteAsync(bytes, ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, ConfigPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
