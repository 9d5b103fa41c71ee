using System.Net;
using Berth.Cli.Tests.Containers;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Networks;

/// <summary>
/// The default bridge as a run without <c>--network</c> gets it, with subnets from Docker's pools: state roots
/// on one host (these tests' parallel roots among them) must never put two bridges on one subnet.
/// </summary>
public sealed class DefaultBridgeTests
{
    [Fact]
    public void A_run_without_network_joins_the_default_bridge()
    {
        using var host = new ContainerHost();
        var id = host.Detached(ContainerHost.Image, "sleep", "60");
        Assert.Equal("default", host.Inspect(id, "{{.HostConfig.NetworkMode}}"));
        var address = host.Inspect(id, "{{.NetworkSettings.Networks.bridge.IPAddress}}");
        var subnet = host.Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "bridge").Ok().Stdout.Trim();
        Assert.True(Contains(subnet, address), $"{address} is not in {subnet}");
        Assert.Contains($"inet {address}/", host.Run("exec", id, "ip", "-4", "addr", "show", "eth0").Ok().Stdout);
        Assert.Equal(id[..12], host.Run("exec", id, "hostname").Ok().Stdout.Trim());
        Assert.Equal("bridge", host.Run("ps", "--format", "{{.Networks}}").Ok().Stdout.Trim());
        Assert.Equal(id[..12], host.Run("ps", "-q", "--filter", "network=bridge").Ok().Stdout.Trim());

        // The bridge stays with the root, as Docker's docker0 does, so later starts neither make it nor change rules.
        var bridge = BridgeOf(host);
        host.Run("rm", "-f", id).Ok();
        Assert.True(NetworkHost.LinkExists(bridge));
        Assert.Equal("{}", host.Run("network", "inspect", "-f", "{{json .Containers}}", "bridge").Ok().Stdout.Trim());
    }

    [Fact]
    public void A_deleted_roots_bridge_and_rules_are_taken_down_when_another_root_makes_a_bridge()
    {
        using var gone = new ContainerHost();
        gone.Run("run", "--rm", ContainerHost.Image, "true").Ok();
        var bridge = BridgeOf(gone);
        var hash = HostNetworkLeftovers.HashOf(gone.Root.StateRoot);
        var table = "berth_" + hash[..10];
        Assert.True(NetworkHost.LinkExists(bridge));
        Assert.Equal(0, Tool.Run("nft", "list", "table", "ip", table).ExitCode);
        Assert.True(File.Exists("/run/berth/bridges/" + bridge));

        // The root disappears without berth being asked (rm -rf) while its bridge is up.
        Directory.Delete(gone.Root.StateRoot, recursive: true);
        using var next = new NetworkHost();
        next.CreateNetwork("fresh");
        Assert.False(NetworkHost.LinkExists(bridge), "the deleted root's bridge is still up");
        Assert.NotEqual(0, Tool.Run("nft", "list", "table", "ip", table).ExitCode);
        Assert.DoesNotContain("BERTH-" + hash[..10], Tool.Run("iptables", "-w", "-S", "FORWARD").Stdout);
        Assert.False(File.Exists("/run/berth/bridges/" + bridge));
    }

    [Fact]
    public void A_root_made_again_at_the_same_path_replaces_its_predecessors_bridge()
    {
        using var host = new ContainerHost();
        host.Run("run", "--rm", ContainerHost.Image, "true").Ok();
        var bridge = BridgeOf(host);
        Assert.True(NetworkHost.LinkExists(bridge));

        // rm -rf of the state, then a fresh root at the same path: same bridge name, a plan that avoids the old route.
        var tar = host.Root.WorkPath("again.tar");
        File.WriteAllBytes(tar, BusyboxImage.Tar());
        Directory.Delete(host.Root.StateRoot, recursive: true);
        Directory.Delete(host.Root.RunRoot, recursive: true);
        host.Run("import", "--change", "WORKDIR /", tar, ContainerHost.Image).Ok();
        var id = host.Detached(ContainerHost.Image, "sleep", "60");
        var subnet = host.Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "bridge").Ok().Stdout.Trim();
        Assert.Contains($"{subnet} dev {bridge} ", Tool.Run("ip", "-4", "route", "show").Stdout);
        host.Run("exec", id, "ping", "-c", "1", "-W", "2", Gateway(subnet)).Ok();
    }

    [Fact]
    public void Two_state_roots_never_share_a_default_bridge_subnet()
    {
        using var first = new ContainerHost();
        using var second = new ContainerHost();
        // Both roots plan their default bridge while neither has one, so both plans may name the same pool.
        first.Run("network", "ls").Ok();
        second.Run("network", "ls").Ok();
        var one = first.Detached(ContainerHost.Image, "sleep", "60");
        var two = second.Detached(ContainerHost.Image, "sleep", "60");
        var firstSubnet = first.Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "bridge").Ok().Stdout.Trim();
        var secondSubnet = second.Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "bridge").Ok().Stdout.Trim();
        Assert.False(Overlap(firstSubnet, secondSubnet), $"both roots use {firstSubnet} and {secondSubnet}");
        Assert.True(Contains(secondSubnet, second.Inspect(two, "{{.NetworkSettings.Networks.bridge.IPAddress}}")));
        // Each bridge holds its own route, so each container's traffic reaches its own root's bridge.
        var routes = Tool.Run("ip", "-4", "route", "show").Stdout;
        Assert.Contains($"{firstSubnet} dev {BridgeOf(first)} ", routes);
        Assert.Contains($"{secondSubnet} dev {BridgeOf(second)} ", routes);
        first.Run("exec", one, "ping", "-c", "1", "-W", "2", Gateway(firstSubnet)).Ok();
        second.Run("exec", two, "ping", "-c", "1", "-W", "2", Gateway(secondSubnet)).Ok();
    }

    [Fact]
    public void A_user_network_makes_its_bridge_at_create_and_its_subnet_is_refused_to_other_roots()
    {
        using var first = new NetworkHost();
        using var second = new NetworkHost();
        var subnet = first.CreateNetwork("claimed");
        var bridge = first.Run("network", "inspect", "-f", "{{index .Options \"com.docker.network.bridge.name\"}}", "claimed").Ok().Stdout.Trim();
        if (bridge.Length == 0) bridge = "br-" + first.Run("network", "inspect", "-f", "{{.Id}}", "claimed").Ok().Stdout.Trim()[..12];
        Assert.True(NetworkHost.LinkExists(bridge), "network create made no bridge");

        second.Run("network", "create", "--subnet", subnet, "again").FailsWith(1, "Pool overlaps with other one on this address space");
        first.Run("network", "rm", "claimed").Ok();
        Assert.False(NetworkHost.LinkExists(bridge));
        second.Run("network", "create", "--subnet", subnet, "again").Ok();
    }

    private static string BridgeOf(ContainerHost host) =>
        host.Run("network", "inspect", "-f", "{{index .Options \"com.docker.network.bridge.name\"}}", "bridge").Ok().Stdout.Trim();

    private static (uint Network, uint Mask) Parse(string cidr)
    {
        var slash = cidr.IndexOf('/');
        var bytes = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
        var prefix = int.Parse(cidr[(slash + 1)..]);
        var mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        return ((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) & mask, mask);
    }

    private static bool Contains(string cidr, string address)
    {
        var (network, mask) = Parse(cidr);
        var (host, _) = Parse(address + "/32");
        return (host & mask) == network;
    }

    private static bool Overlap(string a, string b)
    {
        var (na, ma) = Parse(a);
        var (nb, mb) = Parse(b);
        return (na & mb) == nb || (nb & ma) == na;
    }

    private static string Gateway(string cidr)
    {
        var (network, _) = Parse(cidr);
        return new IPAddress(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(network + 1)).ToString();
    }
}
