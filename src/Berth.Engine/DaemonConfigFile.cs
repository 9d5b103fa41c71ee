using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Distribution;
using Berth.Oci;

namespace Berth.Engine;

/// <summary>
/// Reads engine settings from Berth's daemon.json (default <c>/etc/berth/daemon.json</c>, or
/// <c>BERTH_CONFIG</c>), with docker's key names so an existing daemon.json can be copied over:
/// <c>registry-mirrors</c>, <c>insecure-registries</c>, <c>max-concurrent-downloads</c>,
/// <c>max-concurrent-uploads</c>, <c>bip</c> (the default bridge's address), and Berth's <c>certs-dir</c>.
/// </summary>
public static class DaemonConfigFile
{
    public const string DefaultPath = "/etc/berth/daemon.json";

    /// <summary>Applies the file's settings to <paramref name="engine"/>; a missing file changes nothing.</summary>
    public static EngineOptions Apply(EngineOptions engine, string? path = null)
    {
        path = PathOf(path);
        if (!File.Exists(path)) return engine;
        var root = Parse(path);
        return engine with
        {
            Registry = Load(path),
            MaxConcurrentDownloads = PositiveInt(root, "max-concurrent-downloads", path) ?? engine.MaxConcurrentDownloads,
            MaxConcurrentUploads = PositiveInt(root, "max-concurrent-uploads", path) ?? engine.MaxConcurrentUploads,
            BridgeIp = root?["bip"] is JsonValue bip && bip.TryGetValue<string>(out var text) ? text : engine.BridgeIp,
        };
    }

    private static string PathOf(string? path) =>
        path ?? (Environment.GetEnvironmentVariable("BERTH_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultPath);

    private static int? PositiveInt(JsonNode? root, string key, string path) => root?[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n > 0 => n,
        _ => throw BerthException.Invalid($"invalid {key} in {path}: expected a positive integer"),
    };

    private static JsonNode? Parse(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid configuration file {path}: {e.Message}");
        }
    }

    public static RegistryOptions Load(string? path = null)
    {
        path = PathOf(path);
        if (!File.Exists(path)) return new RegistryOptions();
        var root = Parse(path);
        var options = new RegistryOptions();
        if (root?["registry-mirrors"] is JsonArray mirrors)
        {
            options = options with
            {
                Mirrors = mirrors.Select(m => Uri.TryCreate(m?.GetValue<string>(), UriKind.Absolute, out var uri)
                    ? uri : throw BerthException.Invalid($"invalid mirror \"{m}\" in {path}: expected an http(s) URL")).ToList(),
            };
        }
        if (root?["insecure-registries"] is JsonArray insecure)
            options = options with { InsecureRegistries = insecure.Select(i => i?.GetValue<string>() ?? "").Where(i => i.Length > 0).ToList() };
        if (root?["certs-dir"]?.GetValue<string>() is { Length: > 0 } certs)
            options = options with { CertificatesDirectory = certs };
        return options;
    }
}
