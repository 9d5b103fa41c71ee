namespace Berth.Networking.Netlink;

/// <summary>
/// The netlink(7) and rtnetlink(7) numbers this driver speaks, from the kernel's uapi headers (linux/netlink.h,
/// linux/rtnetlink.h, linux/if_link.h, linux/veth.h, linux/if_addr.h); they are ABI and never change.
/// </summary>
internal static class Rtm
{
    // nlmsghdr types and flags.
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort FlagRequest = 0x1;
    public const ushort FlagAck = 0x4;
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExclusive = 0x200;
    public const ushort FlagCreate = 0x400;
    /// <summary>In an ack: the error carries attributes (the kernel's extended ack) after the request's header.</summary>
    public const ushort FlagAckTlvs = 0x200;
    /// <summary>In an ack: the request's payload was left out (NETLINK_CAP_ACK).</summary>
    public const ushort FlagCapped = 0x100;
    public const ushort ExtAckMessage = 1;

    // Message types.
    public const ushort NewLink = 16;
    public const ushort DeleteLink = 17;
    public const ushort GetLink = 18;
    public const ushort SetLink = 19;
    public const ushort NewAddress = 20;
    public const ushort NewRoute = 24;

    // struct ifinfomsg attributes (IFLA_*), link info (IFLA_INFO_*) and the veth peer.
    public const ushort LinkAddress = 1;
    public const ushort LinkName = 3;
    public const ushort LinkMaster = 10;
    public const ushort LinkInfo = 18;
    public const ushort LinkNamespaceFd = 28;
    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort VethPeer = 1;
    public const uint InterfaceUp = 0x1;

    // struct ifaddrmsg attributes (IFA_*).
    public const ushort AddressAddress = 1;
    public const ushort AddressLocal = 2;
    public const ushort AddressBroadcast = 4;

    // struct rtmsg values and attributes (RTA_*).
    public const byte TableMain = 254;
    public const byte ProtocolBoot = 3;
    public const byte ScopeUniverse = 0;
    public const byte TypeUnicast = 1;
    public const ushort RouteOutputInterface = 4;
    public const ushort RouteGateway = 5;

    public const byte FamilyUnspecified = 0;
    public const byte FamilyInet = 2;

    /// <summary>struct nlmsghdr, struct ifinfomsg, struct ifaddrmsg, struct rtmsg and struct nlmsgerr's error field.</summary>
    public const int HeaderSize = 16, LinkInfoSize = 16, AddressInfoSize = 8, RouteInfoSize = 12, ErrorSize = 4;
}
