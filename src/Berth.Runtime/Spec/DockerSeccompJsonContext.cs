using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// Reads docker-format seccomp profiles. Field names match case-insensitively because docker decodes them
/// with Go's encoding/json, which does.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(DockerSeccompProfile))]
internal sealed partial class DockerSeccompJsonContext : JsonSerializerContext;
