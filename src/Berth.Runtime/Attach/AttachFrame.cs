using System.Buffers.Binary;
using Berth.Oci;

namespace Berth.Runtime.Attach;

/// <summary>
/// One frame of the attach stream, laid out like Docker's stdcopy multiplexing: an 8-byte header (type byte, three
/// zero bytes, big-endian uint32 payload length) and the payload.
/// </summary>
public readonly record struct AttachFrame(AttachFrameType Type, ReadOnlyMemory<byte> Payload)
{
    public const int HeaderSize = 8;

    /// <summary>Largest payload a reader accepts unless told otherwise.</summary>
    public const int DefaultMaxPayload = 1024 * 1024;

    /// <summary>The payload of a resize frame.</summary>
    public static byte[] ResizePayload(ushort rows, ushort cols)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(payload, rows);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), cols);
        return payload;
    }

    /// <summary>The payload of an exit frame.</summary>
    public static byte[] ExitPayload(int exitCode)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, exitCode);
        return payload;
    }

    /// <summary>Rows and cols of a resize frame.</summary>
    public (ushort Rows, ushort Cols) ReadResize()
    {
        if (Type != AttachFrameType.Resize || Payload.Length != 4)
            throw BerthException.Invalid($"invalid resize frame of {Payload.Length} bytes");
        var span = Payload.Span;
        return (BinaryPrimitives.ReadUInt16BigEndian(span), BinaryPrimitives.ReadUInt16BigEndian(span[2..]));
    }

    /// <summary>The exit code of an exit frame.</summary>
    public int ReadExitCode()
    {
        if (Type != AttachFrameType.Exit || Payload.Length != 4)
            throw BerthException.Invalid($"invalid exit frame of {Payload.Length} bytes");
        return BinaryPrimitives.ReadInt32BigEndian(Payload.Span);
    }

    internal static void WriteHeader(Span<byte> header, AttachFrameType type, int length)
    {
        header[0] = (byte)type;
        header[1] = header[2] = header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)length);
    }
}
