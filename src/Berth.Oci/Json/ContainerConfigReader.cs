using System.Text.Json;

namespace Berth.Oci.Json;

/// <summary>
/// Reads just the execution parameters (<c>config</c>) of an image config document, by hand. Creating a container
/// needs nothing else of the image config, and a short-lived process that deserializes <see cref="ImageConfig"/>
/// through the serializer first builds its metadata for every type and property the document can hold, about a
/// millisecond of a <c>berth run</c>. The result equals what <see cref="OciJsonContext"/> gives for
/// <see cref="ImageConfig.Config"/>: exact property names, the last of duplicates wins, unknown properties are
/// skipped, and a value of the wrong type fails with a <see cref="JsonException"/>. Other members of the document
/// are checked only for being well-formed JSON.
/// </summary>
public static class ContainerConfigReader
{
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The <c>config</c> object of an image config document; null when it is absent or null.</summary>
    public static ContainerConfig? Read(ReadOnlySpan<byte> imageConfigJson)
    {
        var reader = new Utf8JsonReader(imageConfigJson, Options);
        try
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, "an object");
            ContainerConfig? config = null;
            while (NextProperty(ref reader) is { } name)
            {
                if (name == "config") config = ReadContainerConfig(ref reader);
                else reader.Skip();
            }
            if (reader.Read()) throw new JsonException($"unexpected data after the end of the document at byte {reader.TokenStartIndex}");
            return config;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new JsonException($"{e.Message} (at byte {reader.TokenStartIndex})", e);
        }
    }

    private static ContainerConfig? ReadContainerConfig(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, "an object for config");
        var config = new ContainerConfig();
        while (NextProperty(ref reader) is { } name)
        {
            config = name switch
            {
                nameof(ContainerConfig.Hostname) => config with { Hostname = ReadString(ref reader) },
                nameof(ContainerConfig.Domainname) => config with { Domainname = ReadString(ref reader) },
                nameof(ContainerConfig.User) => config with { User = ReadString(ref reader) },
                nameof(ContainerConfig.ExposedPorts) => config with { ExposedPorts = ReadSet(ref reader) },
                nameof(ContainerConfig.Env) => config with { Env = ReadStrings(ref reader) },
                nameof(ContainerConfig.Entrypoint) => config with { Entrypoint = ReadStrings(ref reader) },
                nameof(ContainerConfig.Cmd) => config with { Cmd = ReadStrings(ref reader) },
                nameof(ContainerConfig.Volumes) => config with { Volumes = ReadSet(ref reader) },
                nameof(ContainerConfig.WorkingDir) => config with { WorkingDir = ReadString(ref reader) },
                nameof(ContainerConfig.Labels) => config with { Labels = ReadStringMap(ref reader) },
                nameof(ContainerConfig.StopSignal) => config with { StopSignal = ReadString(ref reader) },
                nameof(ContainerConfig.ArgsEscaped) => config with { ArgsEscaped = ReadBoolean(ref reader) },
                nameof(ContainerConfig.Healthcheck) => config with { Healthcheck = ReadHealthConfig(ref reader) },
                nameof(ContainerConfig.OnBuild) => config with { OnBuild = ReadStrings(ref reader) },
                nameof(ContainerConfig.Shell) => config with { Shell = ReadStrings(ref reader) },
                _ => Skipped(ref reader, config),
            };
        }
        return config;
    }

    private static HealthConfig? ReadHealthConfig(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, "an object for Healthcheck");
        var health = new HealthConfig();
        while (NextProperty(ref reader) is { } name)
        {
            health = name switch
            {
                nameof(HealthConfig.Test) => health with { Test = ReadStrings(ref reader) },
                nameof(HealthConfig.Interval) => health with { Interval = ReadInt64(ref reader) },
                nameof(HealthConfig.Timeout) => health with { Timeout = ReadInt64(ref reader) },
                nameof(HealthConfig.StartPeriod) => health with { StartPeriod = ReadInt64(ref reader) },
                nameof(HealthConfig.StartInterval) => health with { StartInterval = ReadInt64(ref reader) },
                nameof(HealthConfig.Retries) => health with { Retries = ReadInt32(ref reader) },
                _ => Skipped(ref reader, health),
            };
        }
        return health;
    }

    // Moves to the next property's value and returns its name; null at the end of the object.
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject) return null;
        var name = reader.GetString()!;
        Next(ref reader);
        return name;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the document ends early");
    }

    private static T Skipped<T>(ref Utf8JsonReader reader, T unchanged)
    {
        reader.Skip();
        return unchanged;
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw Mismatch(ref reader, "a string"),
    };

    private static List<string>? ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw Mismatch(ref reader, "an array of strings");
        var list = new List<string>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return list;
            list.Add(ReadString(ref reader)!);
        }
    }

    private static Dictionary<string, EmptyObject>? ReadSet(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, "an object");
        var set = new Dictionary<string, EmptyObject>();
        while (NextProperty(ref reader) is { } key)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                set[key] = null!;
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, "an object");
            reader.Skip();
            set[key] = new EmptyObject();
        }
        return set;
    }

    private static Dictionary<string, string>? ReadStringMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, "an object of strings");
        var map = new Dictionary<string, string>();
        while (NextProperty(ref reader) is { } key) map[key] = ReadString(ref reader)!;
        return map;
    }

    private static bool? ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Mismatch(ref reader, "a boolean"),
    };

    private static long? ReadInt64(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.GetInt64(),
        _ => throw Mismatch(ref reader, "a number"),
    };

    private static int? ReadInt32(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.GetInt32(),
        _ => throw Mismatch(ref reader, "a number"),
    };

    private static JsonException Mismatch(ref Utf8JsonReader reader, string expected) =>
        new($"expected {expected}, found {reader.TokenType} at byte {reader.TokenStartIndex}");
}
