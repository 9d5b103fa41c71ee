using System.Buffers.Binary;
using Berth.Networking.Netlink;
using Berth.Oci;

namespace Berth.Networking.Tests.Netlink;

public sealed class RouteNetlinkTests
{
    [Fact]
    public void Request_PadsAttributesToFourBytes_AndNestedLengthsCoverTheirContents()
    {
        var request = new NetlinkRequest(Rtm.NewLink, Rtm.FlagCreate).Link(7, Rtm.InterfaceUp, Rtm.InterfaceUp).Attribute(Rtm.LinkName, "br0");
        var nest = request.BeginNested(Rtm.LinkInfo);
        request.Attribute(Rtm.InfoKind, "veth");
        request.EndNested(nest);
        var bytes = request.Finish(42).ToArray();

        // header 16 + ifinfomsg 16 + "br0\0" (4+4) + nest (4 + "veth\0" 4+5 padded to 12) = 56
        Assert.Equal(56, bytes.Length);
        Assert.Equal(56u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(Rtm.NewLink, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(Rtm.FlagCreate | Rtm.FlagRequest | Rtm.FlagAck, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal("br0\0"u8.ToArray(), bytes[36..40]);
        // The nest's length counts its padded child; the child's own length leaves its padding out.
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(9, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(44)));
        Assert.Equal(0, bytes[55]);
    }

    [Fact]
    public void LinkIndex_FindsLoopback_AndMissingIsNull()
    {
        using var ns = new ScratchNamespaces();
        using var netlink = RouteNetlink.OpenIn(ns.Container);
        // A new namespace's loopback is always index 1 (LOOPBACK_IFINDEX).
        Assert.Equal(1, netlink.LinkIndex("lo"));
        Assert.Null(netlink.LinkIndex("nosuchlink0"));
    }

    [Fact]
    public void SocketOpenedInANamespace_StaysThere_WhateverThreadUsesIt()
    {
        using var ns = new ScratchNamespaces();
        using (var inside = RouteNetlink.OpenIn(ns.Container)) Assert.Equal(0, inside.CreateBridge("brinside0"));
        Assert.Single(ScratchNamespaces.IpJson(ns.Container, "link", "show", "dev", "brinside0").EnumerateArray());
        Assert.Equal(0, ScratchNamespaces.IpJson(ns.Host, "link", "show", "type", "bridge").GetArrayLength());
    }

    [Fact]
    public void KernelRefusal_IsABerthExceptionNamingTheInterfaceAndErrno()
    {
        using var ns = new ScratchNamespaces();
        using var netlink = RouteNetlink.OpenIn(ns.Container);
        Assert.Equal(0, netlink.CreateBridge("brtest0"));
        Assert.Equal(17, netlink.CreateBridge("brtest0"));
        var index = netlink.LinkIndex("brtest0")!.Value;
        var failure = Assert.Throws<BerthException>(() => netlink.AddAddress(index, "brtest0", 0x0A000001, 33));
        Assert.Equal(ErrorKind.Internal, failure.Kind);
        Assert.StartsWith("adding address 10.0.0.1/33 to brtest0: ", failure.Message);
        Assert.Contains("(errno 22)", failure.Message);
        var missing = Assert.Throws<BerthException>(() => netlink.SetUp("nosuchlink0"));
        Assert.StartsWith("setting nosuchlink0 up: ", missing.Message);
        Assert.Contains("(errno 19)", missing.Message);
        Assert.Equal(19, netlink.DeleteLink("nosuchlink0"));
    }

    [Theory]
    [InlineData("02:42:ac:11:00")]
    [InlineData("02:42:ac:11:00:02:03")]
    [InlineData("02:42:ac:11:00:g2")]
    [InlineData("0242:ac:11:00:02")]
    public void ParseMac_Malformed_IsInvalid(string mac) =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => RouteNetlink.ParseMac(mac)).Kind);

    [Fact]
    public void ParseMac_ReadsHexPairs() => Assert.Equal([0x02, 0x42, 0xac, 0x11, 0x00, 0xff], RouteNetlink.ParseMac("02:42:AC:11:00:ff"));
}
