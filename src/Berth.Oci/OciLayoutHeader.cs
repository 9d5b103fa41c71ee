using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>The <c>oci-layout</c> file of an image layout (image-layout.md).</summary>
public sealed record OciLayoutHeader
{
    public const string CurrentVersion = "1.0.0";

    [JsonPropertyName("imageLayoutVersion")] public string ImageLayoutVersion { get; init; } = CurrentVersion;
}
