namespace Berth.Engine.Models;

/// <summary>The network a config-only network takes its configuration from (never set by Berth).</summary>
public sealed record NetworkConfigFrom
{
    public string Network { get; init; } = "";
}
