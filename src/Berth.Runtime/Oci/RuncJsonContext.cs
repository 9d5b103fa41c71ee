using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>Source-generated JSON for what runc prints: <c>state</c> and <c>ps --format json</c>.</summary>
[JsonSerializable(typeof(RuncStateDocument))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class RuncJsonContext : JsonSerializerContext
{
}
