using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Networking.Netlink;

/// <summary>
/// An rtnetlink socket bound to one network namespace (the one it was opened in), sending one request at a time
/// and waiting for its acknowledgement. rtnetlink handles a request synchronously, so each call costs a system
/// call or two, where a spawned <c>ip</c> costs a fork, an exec and its own socket.
/// </summary>
internal sealed partial class RouteNetlink : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly byte[] _reply = new byte[32 * 1024];
    private uint _sequence;

    private RouteNetlink(NetlinkSocket socket) => _socket = socket;

    /// <summary>A socket in this process's namespace (the host's, for the engine).</summary>
    public static RouteNetlink Open() => new(NetlinkSocket.Open(NetlinkSocket.Route));

    /// <summary>A socket in the namespace at <paramref name="namespacePath"/>, made on a thread that joins it briefly.</summary>
    public static RouteNetlink OpenIn(string namespacePath) => new(NetlinkSocket.OpenIn(namespacePath, NetlinkSocket.Route));

    /// <summary>
    /// Sends <paramref name="request"/> and waits for its acknowledgement: 0 on success, else the errno the kernel
    /// answered with, and its own explanation in <paramref name="detail"/> where it gave one. A link message in the
    /// reply (a GETLINK's answer) leaves its index in <paramref name="linkIndex"/>.
    /// </summary>
    public int Execute(NetlinkRequest request, out string? detail, out int linkIndex)
    {
        var sequence = ++_sequence;
        _socket.Send(request.Finish(sequence));
        detail = null;
        linkIndex = 0;
        while (true)
        {
            var length = _socket.Receive(_reply);
            var datagram = _reply.AsSpan(0, length);
            while (datagram.Length >= Rtm.HeaderSize)
            {
                var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram);
                if (size < Rtm.HeaderSize || size > datagram.Length) break;
                var message = datagram[..size];
                datagram = datagram[Math.Min((size + 3) & ~3, datagram.Length)..];
                if (BinaryPrimitives.ReadUInt32LittleEndian(message[8..]) != sequence) continue;
                var type = BinaryPrimitives.ReadUInt16LittleEndian(message[4..]);
                if (type == Rtm.NewLink && message.Length >= Rtm.HeaderSize + Rtm.LinkInfoSize)
                    linkIndex = BinaryPrimitives.ReadInt32LittleEndian(message[(Rtm.HeaderSize + 4)..]);
                if (type == Rtm.Done) return 0;
                if (type != Rtm.Error || message.Length < Rtm.HeaderSize + Rtm.ErrorSize) continue;
                var errno = -BinaryPrimitives.ReadInt32LittleEndian(message[Rtm.HeaderSize..]);
                if (errno != 0) detail = ExtendedAck(message);
                return errno;
            }
        }
    }

    /// <summary>
    /// Like <see cref="Execute"/>, but a failure other than <paramref name="tolerated"/> is a BerthException
    /// naming <paramref name="what"/> (<c>adding address 10.0.0.2/24 to eth0</c>); returns the errno.
    /// </summary>
    public int Run(NetlinkRequest request, string what, int tolerated = 0)
    {
        var errno = Execute(request, out var detail, out _);
        if (errno == 0 || errno == tolerated) return errno;
        throw Failure(what, errno, detail);
    }

    public static BerthException Failure(string what, int errno, string? detail)
    {
        var text = $"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        if (detail is { Length: > 0 }) text += $": {detail}";
        var kind = errno is Errno.EPERM or Errno.EACCES ? ErrorKind.PermissionDenied : ErrorKind.Internal;
        return new BerthException(kind, text);
    }

    public void Dispose() => _socket.Dispose();

    // struct nlmsgerr is the errno and the request's header (capped: no payload); with NLM_F_ACK_TLVS attributes
    // follow, NLMSGERR_ATTR_MSG among them being the kernel's own words ("Invalid prefix for given prefix length").
    private static string? ExtendedAck(ReadOnlySpan<byte> message)
    {
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(message[6..]);
        if ((flags & Rtm.FlagAckTlvs) == 0) return null;
        var offset = Rtm.HeaderSize + Rtm.ErrorSize + Rtm.HeaderSize;
        if ((flags & Rtm.FlagCapped) == 0 && message.Length >= offset)
            offset = Rtm.HeaderSize + Rtm.ErrorSize + (int)BinaryPrimitives.ReadUInt32LittleEndian(message[(Rtm.HeaderSize + Rtm.ErrorSize)..]);
        offset = (offset + 3) & ~3;
        while (offset + 4 <= message.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(message[offset..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(message[(offset + 2)..]);
            if (length < 4 || offset + length > message.Length) return null;
            if (type == Rtm.ExtAckMessage) return Encoding.UTF8.GetString(message.Slice(offset + 4, length - 4)).TrimEnd('\0');
            offset += (length + 3) & ~3;
        }
        return null;
    }
}
