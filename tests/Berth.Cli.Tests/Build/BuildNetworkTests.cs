using Berth.Cli.Tests.Networks;

namespace Berth.Cli.Tests.Build;

/// <summary>The network of RUN steps: Docker's default bridge unless the build or the step says host or none.</summary>
public sealed class BuildNetworkTests
{
    [Fact]
    public void Run_steps_are_on_the_default_bridge_and_leave_no_endpoint_behind()
    {
        using var host = new BuildHost();
        host.Dockerfile($"""
            FROM {BuildHost.BaseImage}
            RUN ip -4 addr show eth0 | grep inet > /bridge.txt && ip route > /route.txt && cat /etc/resolv.conf > /resolv.txt
            RUN --network=none sh -c 'ip -4 addr show eth0 > /none.txt 2>&1 || echo no eth0 > /none.txt'
            """);
        host.Build("-t", "net").Ok();
        var subnet = host.Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "bridge").Ok().Stdout.Trim();
        var gateway = host.Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", "bridge").Ok().Stdout.Trim();
        var prefix = subnet[..subnet.IndexOf('.', subnet.IndexOf('.') + 1)];
        Assert.Contains($"inet {prefix}.", host.Run("run", "--rm", "--network", "none", "net", "cat", "/bridge.txt").Ok().Stdout);
        Assert.Contains($"default via {gateway}", host.Run("run", "--rm", "--network", "none", "net", "cat", "/route.txt").Ok().Stdout);
        Assert.Equal("no eth0\n", host.Run("run", "--rm", "--network", "none", "net", "cat", "/none.txt").Ok().Stdout);
        // The host's loopback resolvers are unreachable from the bridge, so they are left out, as for containers.
        Assert.DoesNotContain("nameserver 127.", host.Run("run", "--rm", "--network", "none", "net", "cat", "/resolv.txt").Ok().Stdout);

        Assert.Equal("{}", host.Run("network", "inspect", "-f", "{{json .Containers}}", "bridge").Ok().Stdout.Trim());
        var bridge = host.Run("network", "inspect", "-f", "{{index .Options \"com.docker.network.bridge.name\"}}", "bridge").Ok().Stdout.Trim();
        Assert.Empty(NetworkHost.BridgePorts(bridge));
        host.AssertNothingLeft();
    }

    [Fact]
    public void Build_network_none_and_host_reach_every_step()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN ls /sys/class/net > /links.txt\n");
        host.Build("--network", "none", "-t", "none").Ok();
        Assert.Equal("lo\n", host.Run("run", "--rm", "--network", "none", "none", "cat", "/links.txt").Ok().Stdout);
        host.Build("--network", "host", "--no-cache", "-t", "host").Ok();
        Assert.Contains("eth0\n", host.Run("run", "--rm", "--network", "none", "host", "cat", "/links.txt").Ok().Stdout);
    }
}
