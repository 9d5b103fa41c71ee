using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>Initial terminal size in characters (runtime-spec config.md "consoleSize").</summary>
public sealed record ConsoleBox
{
    [JsonPropertyName("height")] public uint Height { get; init; }
    [JsonPropertyName("width")] public uint Width { get; init; }
}
