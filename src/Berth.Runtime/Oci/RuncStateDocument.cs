using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>The JSON <c>runc state</c> prints (runtime-spec "State" plus runc's extra fields).</summary>
internal sealed class RuncStateDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("pid")]
    public int Pid { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("bundle")]
    public string Bundle { get; set; } = "";

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; set; }
}
