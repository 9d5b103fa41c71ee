namespace Berth.Engine.Networks;

/// <summary>What <c>network create</c> asks for; empty strings mean "choose for me".</summary>
public sealed record NetworkCreateOptions
{
    public required string Name { get; init; }
    public string Driver { get; init; } = NetworkNames.BridgeDriver;
    public string Subnet { get; init; } = "";
    public string Gateway { get; init; } = "";
    public string IpRange { get; init; } = "";
    public bool Internal { get; init; }
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
