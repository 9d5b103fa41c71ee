using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Networking.Netlink;

/// <summary>Links: bridges, veth pairs, up and down, deletion; each named in its errors.</summary>
internal sealed partial class RouteNetlink
{
    /// <summary>The index of the link named <paramref name="name"/> in this socket's namespace, or null when there is none.</summary>
    public int? LinkIndex(string name)
    {
        var request = new NetlinkRequest(Rtm.GetLink, 0).Link(0).Attribute(Rtm.LinkName, name);
        var errno = Execute(request, out var detail, out var index);
        if (errno == Errno.ENODEV) return null;
        if (errno != 0) throw Failure("looking up " + name, errno, detail);
        return index;
    }

    /// <summary>Creates a bridge, up; returns EEXIST instead of failing when a link of that name exists.</summary>
    public int CreateBridge(string name)
    {
        var request = new NetlinkRequest(Rtm.NewLink, Rtm.FlagCreate | Rtm.FlagExclusive)
            .Link(0, Rtm.InterfaceUp, Rtm.InterfaceUp)
            .Attribute(Rtm.LinkName, name);
        var info = request.BeginNested(Rtm.LinkInfo);
        request.Attribute(Rtm.InfoKind, "bridge");
        request.EndNested(info);
        return Run(request, "creating bridge " + name, Errno.EEXIST);
    }

    /// <summary>
    /// Creates a veth pair in one request: <paramref name="hostEnd"/> here, up and enslaved to link
    /// <paramref name="masterIndex"/>; the peer made directly in the namespace <paramref name="peerNamespace"/> as
    /// <paramref name="peerName"/> with the MAC <paramref name="peerMac"/>. The kernel undoes the whole pair when
    /// any part fails, so no half-made pair is left behind.
    /// </summary>
    public void CreateVeth(string hostEnd, int masterIndex, string peerName, ReadOnlySpan<byte> peerMac, SafeFileHandle peerNamespace)
    {
        var request = new NetlinkRequest(Rtm.NewLink, Rtm.FlagCreate | Rtm.FlagExclusive)
            .Link(0, Rtm.InterfaceUp, Rtm.InterfaceUp)
            .Attribute(Rtm.LinkName, hostEnd)
            .Attribute(Rtm.LinkMaster, masterIndex);
        var info = request.BeginNested(Rtm.LinkInfo);
        request.Attribute(Rtm.InfoKind, "veth");
        var data = request.BeginNested(Rtm.InfoData);
        // VETH_INFO_PEER holds a struct ifinfomsg of its own, then the peer's attributes.
        var peer = request.BeginNested(Rtm.VethPeer);
        request.Link(0)
            .Attribute(Rtm.LinkName, peerName)
            .Attribute(Rtm.LinkAddress, peerMac)
            .Attribute(Rtm.LinkNamespaceFd, (int)peerNamespace.DangerousGetHandle());
        request.EndNested(peer);
        request.EndNested(data);
        request.EndNested(info);
        var added = false;
        peerNamespace.DangerousAddRef(ref added);
        try
        {
            Run(request, $"creating veth pair {hostEnd} for {peerName}");
        }
        finally
        {
            if (added) peerNamespace.DangerousRelease();
        }
    }

    /// <summary>Brings the link named <paramref name="name"/> up.</summary>
    public void SetUp(string name) =>
        Run(new NetlinkRequest(Rtm.SetLink, 0).Link(0, Rtm.InterfaceUp, Rtm.InterfaceUp).Attribute(Rtm.LinkName, name), $"setting {name} up");

    /// <summary>
    /// Deletes the link named <paramref name="name"/> (a veth takes its peer with it). Never throws for the
    /// kernel's answer, since it runs in cleanup paths: returns 0, ENODEV when there is none, or another errno.
    /// </summary>
    public int DeleteLink(string name) =>
        Execute(new NetlinkRequest(Rtm.DeleteLink, 0).Link(0).Attribute(Rtm.LinkName, name), out _, out _);

    /// <summary>Parses a MAC in the usual colon form (<c>02:42:ac:11:00:02</c>).</summary>
    public static byte[] ParseMac(string mac)
    {
        var parts = mac.Split(':');
        var bytes = new byte[6];
        if (parts.Length != 6) throw BerthException.Invalid($"invalid MAC address: {mac}");
        for (var i = 0; i < 6; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], System.Globalization.NumberStyles.AllowHexSpecifier, null, out bytes[i]))
                throw BerthException.Invalid($"invalid MAC address: {mac}");
        }
        return bytes;
    }
}
