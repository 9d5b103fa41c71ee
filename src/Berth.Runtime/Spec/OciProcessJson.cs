using System.Text.Json;
using static Berth.Oci.Json.JsonShapes;

namespace Berth.Runtime.Spec;

/// <summary>
/// Writes an <see cref="OciProcess"/> as the document <c>runc exec --process</c> reads (and as config.json's
/// process, for <see cref="RuntimeSpecJson"/>): the same bytes <see cref="RuntimeSpecJsonContext"/> writes (a test
/// holds them equal), null members left out, in declaration order. By hand, because System.Text.Json builds type
/// metadata for the process, its user, capabilities and rlimits on first use, about half a millisecond of an exec
/// that runs no other serializer.
/// </summary>
public static class OciProcessJson
{
    public static byte[] Serialize(OciProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return ObjectBytes(process, 2048, WriteMembers);
    }

    /// <summary>The process object's members, inside an object the caller started.</summary>
    internal static void WriteMembers(Utf8JsonWriter json, OciProcess process)
    {
        json.WriteBoolean("terminal", process.Terminal);
        if (process.ConsoleSize is { } size)
        {
            json.WriteStartObject("consoleSize");
            json.WriteNumber("height", size.Height);
            json.WriteNumber("width", size.Width);
            json.WriteEndObject();
        }
        WriteUser(json, process.User);
        WriteStrings(json, "args", process.Args);
        WriteStrings(json, "env", process.Env);
        json.WriteString("cwd", process.Cwd);
        if (process.Capabilities is { } capabilities) WriteCapabilities(json, capabilities);
        WriteObjects(json, "rlimits", process.Rlimits, static (json, rlimit) =>
        {
            json.WriteString("type", rlimit.Type);
            json.WriteNumber("hard", rlimit.Hard);
            json.WriteNumber("soft", rlimit.Soft);
        });
        json.WriteBoolean("noNewPrivileges", process.NoNewPrivileges);
        WriteOptional(json, "oomScoreAdj", process.OomScoreAdj);
        WriteOptional(json, "apparmorProfile", process.ApparmorProfile);
    }

    private static void WriteUser(Utf8JsonWriter json, OciUser user)
    {
        json.WriteStartObject("user");
        json.WriteNumber("uid", user.Uid);
        json.WriteNumber("gid", user.Gid);
        WriteOptional(json, "umask", user.Umask);
        if (user.AdditionalGids is { } gids)
        {
            json.WriteStartArray("additionalGids");
            foreach (var gid in gids) json.WriteNumberValue(gid);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteCapabilities(Utf8JsonWriter json, LinuxCapabilities capabilities)
    {
        json.WriteStartObject("capabilities");
        WriteStrings(json, "bounding", capabilities.Bounding);
        WriteStrings(json, "effective", capabilities.Effective);
        WriteStrings(json, "permitted", capabilities.Permitted);
        WriteStrings(json, "inheritable", capabilities.Inheritable);
        WriteStrings(json, "ambient", capabilities.Ambient);
        json.WriteEndObject();
    }

}
