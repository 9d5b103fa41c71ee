namespace Berth.Engine.Models;

/// <summary>HostConfig.LogConfig: the log driver and its options (Berth writes json-file).</summary>
public sealed record LogConfig
{
    public string Type { get; init; } = "json-file";
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}
