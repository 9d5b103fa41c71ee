using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Distribution;
using Berth.Oci;

namespace Berth.Engine.Registry;

/// <summary>
/// Reads registry settings from Berth's daemon.json (default <c>/etc/berth/daemon.json</c>, or
/// <c>BERTH_CONFIG</c>), with docker's key names so an existing daemon.json can be copied over:
/// <c>registry-mirrors</c>, <c>insecure-registries</c>, and Berth's <c>certs-dir</c>.
/// </summary>
public static class RegistryConfigFile
{
    public const string DefaultPath = "/etc/berth/daemon.json";

    public static RegistryOptions Load(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("BERTH_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultPath;
        if (!File.Exists(path)) return new RegistryOptions();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid configuration file {path}: {e.Message}");
        }
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
