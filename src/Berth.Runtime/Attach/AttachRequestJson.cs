using System.Text.Json;
using Berth.Oci.Json;

namespace Berth.Runtime.Attach;

/// <summary>
/// The attach handshake's request as JSON: <c>{"stdin":false,"stdout":true,"stderr":true,"logs":false,"tty":false}</c>,
/// members in any order, a missing one at its default. Written and read by hand because the handshake is on every
/// foreground run's way, in the client and in the monitor: a serializer context builds its metadata and the default
/// encoder its tables of all Unicode on first use, over half a millisecond of CPU in each process (profiled), taken
/// from the runtime while it starts the container.
/// </summary>
internal static class AttachRequestJson
{
    public static byte[] Write(AttachRequest request) => JsonShapes.ObjectBytes(request, 96, static (json, request) =>
    {
        json.WriteBoolean("stdin"u8, request.Stdin);
        json.WriteBoolean("stdout"u8, request.Stdout);
        json.WriteBoolean("stderr"u8, request.Stderr);
        json.WriteBoolean("logs"u8, request.Logs);
        json.WriteBoolean("tty"u8, request.Tty);
    });

    /// <summary>Throws <see cref="JsonException"/> for malformed JSON, anything but an object, or a member that is not a boolean.</summary>
    public static AttachRequest Read(ReadOnlySpan<byte> json)
    {
        var request = new AttachRequest();
        JsonMembers.Visit(json, [], (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "stdin": request = request with { Stdin = Flag(name, ref value) }; break;
                case "stdout": request = request with { Stdout = Flag(name, ref value) }; break;
                case "stderr": request = request with { Stderr = Flag(name, ref value) }; break;
                case "logs": request = request with { Logs = Flag(name, ref value) }; break;
                case "tty": request = request with { Tty = Flag(name, ref value) }; break;
                default: return false;
            }
            return true;
        });
        return request;
    }

    private static bool Flag(string name, ref Utf8JsonReader value) => value.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"attach request member \"{name}\" must be true or false"),
    };
}
