using Berth.Linux;
using Berth.Networking.Ipam;
using Berth.Networking.Netlink;
using Berth.Oci;

namespace Berth.Networking.Bridge;

/// <summary>
/// The bridge network driver: a Linux bridge per network with the gateway address, and per container a veth pair
/// whose inner end is made directly in the container's network namespace. Links, addresses and routes are set
/// through rtnetlink from this process (a request costs microseconds, a spawned <c>ip</c> milliseconds); only the
/// nft ruleset goes through a tool. When the namespace dies with the container, the kernel deletes the pair, host
/// end included.
/// </summary>
public sealed class BridgeDriver(IToolRunner tools)
{
    /// <summary>Creates the bridge, up, with its gateway address, unless it exists already.</summary>
    public Task EnsureBridgeAsync(string bridge, string gatewayCidr, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var netlink = RouteNetlink.Open();
        if (netlink.LinkIndex(bridge) is null)
        {
            var (gateway, prefixLength) = ParseCidr(gatewayCidr);
            // A concurrent creator may have won; the address is then added again, which replaces it unchanged.
            netlink.CreateBridge(bridge);
            var index = netlink.LinkIndex(bridge) ?? throw new BerthException(ErrorKind.Internal, $"creating bridge {bridge}: it vanished");
            netlink.AddAddress(index, bridge, gateway, prefixLength);
        }
        // Packets DNAT-ed from 127.0.0.1 keep that source on the bridge: the kernel drops them as martians unless
        // route_localnet is on (Docker does the same when its userland proxy is off).
        WriteSysctl($"/proc/sys/net/ipv4/conf/{bridge}/route_localnet", "1");
        if (ReadSysctl("/proc/sys/net/ipv4/ip_forward") != "1") WriteSysctl("/proc/sys/net/ipv4/ip_forward", "1");
        return Task.CompletedTask;
    }

    /// <summary>Deletes the bridge; a bridge already gone is not an error.</summary>
    public Task DeleteBridgeAsync(string bridge, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var netlink = RouteNetlink.Open();
        var errno = netlink.DeleteLink(bridge);
        if (errno is not (0 or Errno.ENODEV)) throw RouteNetlink.Failure("deleting bridge " + bridge, errno, null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Connects the network namespace at <paramref name="namespacePath"/> (a pinned namespace or /proc/PID/ns/net)
    /// to a bridge: one request makes the pair with its host end up on the bridge and its inner end (named, with
    /// the MAC given) already in the namespace; a socket opened there then adds the address, brings the inner end
    /// and loopback up, and adds the default route through the gateway when the plan has one.
    /// </summary>
    public Task AttachAsync(string namespacePath, VethPlan plan, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var (address, prefixLength) = ParseCidr(plan.AddressCidr);
        var mac = RouteNetlink.ParseMac(plan.Mac);
        var gateway = plan.DefaultGateway is { } text ? Ipv4Subnet.ParseAddress(text) : (uint?)null;
        using var host = RouteNetlink.Open();
        var master = host.LinkIndex(plan.Bridge) ?? throw BerthException.NotFound($"connecting to bridge {plan.Bridge}: no such bridge");
        using (var target = NetworkNamespace.Open(namespacePath))
            host.CreateVeth(plan.HostVeth, master, plan.InterfaceName, mac, target);
        try
        {
            using var inside = RouteNetlink.OpenIn(namespacePath);
            var index = inside.LinkIndex(plan.InterfaceName)
                ?? throw new BerthException(ErrorKind.Internal, $"configuring {plan.InterfaceName} in the container: it vanished");
            inside.AddAddress(index, plan.InterfaceName, address, prefixLength);
            inside.SetUp(plan.InterfaceName);
            inside.SetUp("lo");
            if (gateway is { } via) inside.AddDefaultRoute(index, plan.InterfaceName, via);
        }
        catch
        {
            host.DeleteLink(plan.HostVeth);
            throw;
        }
        return Task.CompletedTask;
    }

    /// <summary>Deletes a veth pair by its host end; one already gone (its namespace died) is not an error.</summary>
    public Task DeleteLinkAsync(string hostVeth, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var netlink = RouteNetlink.Open();
        // ENODEV when the pair is gone already; any other refusal leaves the pair to die with its namespace.
        netlink.DeleteLink(hostVeth);
        return Task.CompletedTask;
    }

    /// <summary>Applies an nft script (one atomic transaction).</summary>
    public async Task ApplyRulesAsync(string script, CancellationToken ct)
    {
        var result = await tools.RunAsync("nft", ["-f", "-"], script, ct).ConfigureAwait(false);
        if (!result.Succeeded) throw Failure("applying nft rules", result);
    }

    /// <summary>
    /// Whether a network interface of that name exists in the calling thread's namespace (the host's, for the
    /// engine). Asked of the kernel rather than of /sys/class/net, which shows the namespace sysfs was mounted in.
    /// </summary>
    public static bool Exists(string name)
    {
        using var netlink = RouteNetlink.Open();
        return netlink.LinkIndex(name) is not null;
    }

    // a.b.c.d/n keeping the host bits: an interface's own address, not its subnet.
    private static (uint Address, int PrefixLength) ParseCidr(string cidr)
    {
        var subnet = Ipv4Subnet.Parse(cidr, allowHostBits: true);
        return (Ipv4Subnet.ParseAddress(cidr[..cidr.IndexOf('/')]), subnet.PrefixLength);
    }

    private static BerthException Failure(string what, ToolResult result) =>
        new(ErrorKind.Internal, $"{what}: {result.Stderr.Trim()}");

    private static string? ReadSysctl(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteSysctl(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BerthException(ErrorKind.PermissionDenied, $"setting {path}: {e.Message}");
        }
    }
}
