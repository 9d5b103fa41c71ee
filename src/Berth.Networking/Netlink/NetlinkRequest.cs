using System.Buffers.Binary;
using System.Text;

namespace Berth.Networking.Netlink;

/// <summary>
/// One netlink message under construction: the 16-byte header, a fixed family struct (ifinfomsg, ifaddrmsg,
/// rtmsg) and attributes, each a length/type pair and a payload padded to 4 bytes (NLA_ALIGN). Integers are in
/// host order except addresses, which the kernel takes in network order.
/// </summary>
internal sealed class NetlinkRequest
{
    private byte[] _buffer = new byte[512];
    private int _length;

    public NetlinkRequest(ushort type, ushort flags)
    {
        _length = Rtm.HeaderSize;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(6), (ushort)(flags | Rtm.FlagRequest | Rtm.FlagAck));
    }

    public ushort Type => BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(4));

    /// <summary>struct ifinfomsg: the link by index (0 when named by attribute), flags to set and which of them change.</summary>
    public NetlinkRequest Link(int index, uint flags = 0, uint change = 0)
    {
        var s = Reserve(Rtm.LinkInfoSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], change);
        return this;
    }

    /// <summary>struct ifaddrmsg for an IPv4 address of <paramref name="prefixLength"/> bits on link <paramref name="index"/>.</summary>
    public NetlinkRequest Address(int prefixLength, int index)
    {
        var s = Reserve(Rtm.AddressInfoSize);
        s[0] = Rtm.FamilyInet;
        s[1] = (byte)prefixLength;
        s[3] = Rtm.ScopeUniverse;
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        return this;
    }

    /// <summary>struct rtmsg for an IPv4 unicast route to a destination of <paramref name="destinationLength"/> bits in the main table.</summary>
    public NetlinkRequest Route(int destinationLength)
    {
        var s = Reserve(Rtm.RouteInfoSize);
        s[0] = Rtm.FamilyInet;
        s[1] = (byte)destinationLength;
        s[4] = Rtm.TableMain;
        s[5] = Rtm.ProtocolBoot;
        s[6] = Rtm.ScopeUniverse;
        s[7] = Rtm.TypeUnicast;
        return this;
    }

    public NetlinkRequest Attribute(ushort type, ReadOnlySpan<byte> payload)
    {
        var start = BeginNested(type);
        payload.CopyTo(Reserve(payload.Length));
        EndNested(start);
        return this;
    }

    /// <summary>A NUL-terminated string attribute (interface names, link kinds).</summary>
    public NetlinkRequest Attribute(ushort type, string value)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attribute(type, bytes);
    }

    public NetlinkRequest Attribute(ushort type, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    /// <summary>An IPv4 address attribute, in network order.</summary>
    public NetlinkRequest Ipv4(ushort type, uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return Attribute(type, bytes);
    }

    /// <summary>Starts an attribute whose payload is what is written until <see cref="EndNested"/>; returns its offset.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        var s = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], type);
        return start;
    }

    public void EndNested(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)(_length - start));
        Pad();
    }

    /// <summary>The finished message with its length and sequence number filled in.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(8), sequence);
        return _buffer.AsSpan(0, _length);
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count + 3 > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count + 3));
        var span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }

    private void Pad()
    {
        var aligned = (_length + 3) & ~3;
        Reserve(aligned - _length);
    }
}
