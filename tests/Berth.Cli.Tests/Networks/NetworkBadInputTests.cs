using Berth.Cli.Tests.Containers;

namespace Berth.Cli.Tests.Networks;

/// <summary>Bad input fails with docker's words and exit codes, and leaves no half-made network or container behind.</summary>
public sealed class NetworkBadInputTests : IDisposable
{
    private readonly NetworkHost _host = new();

    [Fact]
    public void Bad_network_create_requests_exit_1()
    {
        var subnet = _host.CreateNetwork("first");
        _host.Run("network", "create", "--subnet", subnet, "second").FailsWith(1, "Pool overlaps with other one on this address space");
        _host.Run("network", "create", "--subnet", "10.1.2.3/24", "third").FailsWith(1, "invalid subnet");
        _host.Run("network", "create", "--subnet", NetworkHost.FreeSubnet(), "--gateway", "192.0.2.1", "fourth").FailsWith(1, "invalid gateway");
        _host.Run("network", "create", "first").FailsWith(1, "network with name first already exists");
        _host.Run("network", "create", "-d", "overlay", "fifth").FailsWith(1, "plugin \"overlay\" not found");
        _host.Run("network", "rm", "bridge").FailsWith(1, "bridge is a pre-defined network and cannot be removed");
        _host.Run("network", "rm", "nosuch").FailsWith(1, "network nosuch not found");
        Assert.Equal(4, _host.Run("network", "ls", "-q").Ok().Lines.Length);
    }

    [Fact]
    public void What_needs_a_swarm_ipv6_or_another_ipam_driver_is_refused_with_docker_words()
    {
        _host.Run("network", "create", "--ingress", "n1").FailsWith(1, "Ingress network can only be global scope network");
        _host.Run("network", "create", "--scope", "swarm", "n2").FailsWith(1, "cannot create a swarm scoped network when swarm is not active");
        _host.Run("network", "create", "--scope", "global", "n3").FailsWith(1, "not a swarm manager");
        _host.Run("network", "create", "--config-from", "base", "n4").FailsWith(1, "configuration network \"base\" does not exist");
        _host.Run("network", "create", "--config-only", "n5").FailsWith(1, "configuration-only networks are not supported");
        _host.Run("network", "create", "--ipam-driver", "dhcp", "n6").FailsWith(1, "plugin \"dhcp\" not found");
        _host.Run("network", "create", "--ipv6", "n7").FailsWith(1, "IPv6 networks are not supported");
        _host.Run("network", "create", "--aux-address", "a=10.9.0.5", "n8").FailsWith(1, "no matching subnet for aux-address 10.9.0.5");
        var subnet = NetworkHost.FreeSubnet();
        var gateway = subnet.Replace(".0/24", ".1", StringComparison.Ordinal);
        _host.Run("network", "create", "--subnet", subnet, "--aux-address", "router=" + gateway, "n9")
            .FailsWith(1, $"failed to allocate secondary ip address (router:{gateway}): Address already in use");
        Assert.Equal(3, _host.Run("network", "ls", "-q").Ok().Lines.Length);
    }

    [Fact]
    public void Bad_run_requests_exit_125_and_leave_nothing_running()
    {
        _host.Run("run", "--rm", "--network", "nosuch", ContainerHost.Image, "true").FailsWith(125, "network nosuch not found");
        _host.Run("run", "--rm", "-p", "99999:80", ContainerHost.Image, "true").FailsWith(125, "invalid hostPort: 99999");
        _host.Run("run", "--rm", "-p", "80/sctpx", ContainerHost.Image, "true").FailsWith(125, "invalid proto: sctpx");
        _host.Run("run", "--rm", "--network", "bridge", "--ip", "10.0.0.5", ContainerHost.Image, "true")
            .FailsWith(125, "user specified IP address is supported on user defined networks only");
        Assert.Empty(_host.Run("ps", "-aq").Lines);
    }

    [Fact]
    public void A_full_subnet_and_a_taken_port_fail_before_the_container_starts()
    {
        var subnet = NetworkHost.FreeSubnet().Replace(".0/24", ".0/30", StringComparison.Ordinal);
        _host.Run("network", "create", "--subnet", subnet, "tiny").Ok();
        _host.Detached("--network", "tiny", "-p", "127.0.0.1::80", ContainerHost.Image, "sleep", "60");
        _host.Run("run", "-d", "--name", "second", "--network", "tiny", ContainerHost.Image, "sleep", "60")
            .FailsWith(125, "no available IPv4 addresses on this network's address pools: tiny");
        Assert.Equal("created", _host.Inspect("second", "{{.State.Status}}"));

        var first = _host.Run("ps", "-q", "--no-trunc", "--filter", "status=running").Ok().Lines.Single();
        var taken = _host.Run("port", first, "80").Ok().Stdout.Trim().Split(':')[1];
        _host.CreateNetwork("other");
        _host.Run("run", "-d", "--name", "third", "--network", "other", "-p", $"127.0.0.1:{taken}:80", ContainerHost.Image, "sleep", "60")
            .FailsWith(125, $"127.0.0.1:{taken}", "address already in use");
        Assert.Equal("created", _host.Inspect("third", "{{.State.Status}}"));
        _host.Run("network", "rm", "tiny").FailsWith(1, "has active endpoints");
    }

    public void Dispose() => _host.Dispose();
}
