using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// A bundle's config.json read for what an exec inherits from its "process" section: the arguments (which show a
/// seccomp step), working directory, capabilities, rlimits and no-new-privileges; the process's other fields keep
/// their defaults. <see cref="Read"/> uses a plain JSON reader: a short-lived process would spend more on the
/// serializer's metadata for these types than on the read.
/// </summary>
public sealed record RuntimeSpecProcess
{
    [JsonPropertyName("process")] public OciProcess? Process { get; init; }

    /// <summary>Reads <paramref name="configJson"/>; a document that is not a runtime spec is a JsonException.</summary>
    public static RuntimeSpecProcess Read(ReadOnlyMemory<byte> configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("a runtime spec is a JSON object");
        if (!document.RootElement.TryGetProperty("process", out var process) || process.ValueKind != JsonValueKind.Object)
            return new RuntimeSpecProcess();
        return new RuntimeSpecProcess
        {
            Process = new OciProcess
            {
                Args = Strings(process, "args") ?? [],
                Cwd = process.TryGetProperty("cwd", out var cwd) && cwd.ValueKind == JsonValueKind.String ? cwd.GetString()! : "/",
                Capabilities = process.TryGetProperty("capabilities", out var caps) && caps.ValueKind == JsonValueKind.Object
                    ? new LinuxCapabilities
                    {
                        Bounding = Strings(caps, "bounding") ?? [],
                        Effective = Strings(caps, "effective") ?? [],
                        Permitted = Strings(caps, "permitted") ?? [],
                        Inheritable = Strings(caps, "inheritable") ?? [],
                        Ambient = Strings(caps, "ambient") ?? [],
                    }
                    : null,
                Rlimits = process.TryGetProperty("rlimits", out var rlimits) && rlimits.ValueKind == JsonValueKind.Array
                    ? rlimits.EnumerateArray().Select(r => new PosixRlimit
                    {
                        Type = r.GetProperty("type").GetString()!,
                        Hard = r.TryGetProperty("hard", out var hard) ? hard.GetUInt64() : 0,
                        Soft = r.TryGetProperty("soft", out var soft) ? soft.GetUInt64() : 0,
                    }).ToList()
                    : null,
                NoNewPrivileges = process.TryGetProperty("noNewPrivileges", out var nnp) && nnp.ValueKind == JsonValueKind.True,
            },
        };
    }

    private static List<string>? Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString() ?? "").ToList()
            : null;
}
