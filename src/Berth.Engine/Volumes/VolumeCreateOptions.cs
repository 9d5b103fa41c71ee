namespace Berth.Engine.Volumes;

/// <summary>What <c>volume create</c> asks for (Docker API VolumeCreateOptions); a null name makes an anonymous volume.</summary>
public sealed record VolumeCreateOptions
{
    public string? Name { get; init; }
    public string Driver { get; init; } = LocalDriverOptions.DriverName;
    public IReadOnlyDictionary<string, string> DriverOpts { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
