using Berth.Cli.Tests.Containers;

namespace Berth.Cli.Tests.Networks;

/// <summary>User networks: names and aliases through the embedded DNS, isolation, connect and disconnect, inspect.</summary>
public sealed class UserNetworkTests : IDisposable
{
    private readonly NetworkHost _host = new();

    [Fact]
    public void Containers_on_a_user_network_reach_each_other_by_name_and_alias()
    {
        _host.CreateNetwork("front");
        _host.Detached("--name", "web", "--network", "front", "--network-alias", "www", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        var result = _host.Run("run", "--rm", "--network", "front", ContainerHost.Image, "sh", "-c",
            "wget -q -O- http://web/seed.txt && wget -q -O- http://www.front/seed.txt && cat /etc/resolv.conf");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.Lines.Count(l => l == "from the image"));
        Assert.Contains("nameserver 127.0.0.11", result.Stdout);
    }

    [Fact]
    public void Hosts_file_and_inspect_name_the_containers_address()
    {
        var subnet = _host.CreateNetwork("addr");
        var prefix = subnet[..subnet.LastIndexOf('.')];
        var id = _host.Detached("--network", "addr", "--ip", prefix + ".77", "--hostname", "box", ContainerHost.Image, "sleep", "60");
        Assert.Equal(prefix + ".77", _host.Inspect(id, "{{.NetworkSettings.Networks.addr.IPAddress}}"));
        Assert.Equal(prefix + ".1", _host.Inspect(id, "{{.NetworkSettings.Networks.addr.Gateway}}"));
        Assert.Equal($"02:42:{string.Join(':', (prefix + ".77").Split('.').Select(b => int.Parse(b).ToString("x2")))}", _host.Inspect(id, "{{.NetworkSettings.Networks.addr.MacAddress}}"));
        var hosts = _host.Run("exec", id, "cat", "/etc/hosts").Ok().Stdout;
        Assert.Contains($"{prefix}.77\tbox\n", hosts);
        var route = _host.Run("exec", id, "ip", "route").Ok().Stdout;
        Assert.Contains($"default via {prefix}.1", route);
        var inspect = _host.Run("network", "inspect", "addr").Ok().Stdout;
        Assert.Contains($"\"IPv4Address\": \"{prefix}.77/24\"", inspect);
        Assert.Contains($"\"Subnet\": \"{subnet}\"", inspect);
    }

    [Fact]
    public void Networks_are_isolated_from_each_other()
    {
        _host.CreateNetwork("red");
        _host.CreateNetwork("blue");
        var web = _host.Detached("--name", "redweb", "--network", "red", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        var address = _host.Inspect(web, "{{.NetworkSettings.Networks.red.IPAddress}}");
        // The same request succeeds from red and fails (no route through the host) from blue.
        _host.Run("run", "--rm", "--network", "red", ContainerHost.Image, "wget", "-q", "-O-", $"http://{address}/seed.txt").Ok();
        var blocked = _host.Run("run", "--rm", "--network", "blue", ContainerHost.Image, "sh", "-c",
            $"timeout 2 wget -q -O- http://{address}/seed.txt; echo wget=$?; nslookup redweb >/dev/null 2>&1; echo dns=$?");
        Assert.DoesNotContain("wget=0", blocked.Stdout);
        Assert.Contains("dns=1", blocked.Stdout);
    }

    [Fact]
    public void Connect_and_disconnect_change_a_running_containers_networks()
    {
        _host.CreateNetwork("one");
        _host.CreateNetwork("two");
        _host.Detached("--name", "target", "--network", "two", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        var id = _host.Detached("--name", "roamer", "--network", "one", ContainerHost.Image, "sleep", "60");
        Assert.NotEqual(0, _host.Run("exec", id, "sh", "-c", "timeout 2 wget -q -O- http://target/seed.txt").ExitCode);

        _host.Run("network", "connect", "--alias", "wanderer", "two", "roamer").Ok();
        Assert.Equal("from the image\n", _host.Run("exec", id, "wget", "-q", "-O-", "http://target/seed.txt").Ok().Stdout);
        Assert.Contains("eth1", _host.Run("exec", id, "ip", "addr").Ok().Stdout);
        _host.Run("run", "--rm", "--network", "two", ContainerHost.Image, "nslookup", "wanderer").Ok();
        _host.Run("network", "connect", "two", "roamer").FailsWith(1, "already exists in network two");

        _host.Run("network", "disconnect", "two", "roamer").Ok();
        Assert.DoesNotContain("eth1", _host.Run("exec", id, "ip", "addr").Ok().Stdout);
        Assert.DoesNotContain("\"two\"", _host.Inspect(id, "{{json .NetworkSettings.Networks}}"));
        _host.Run("network", "disconnect", "two", "roamer").FailsWith(1, "is not connected to network two");
    }

    [Fact]
    public void Aux_addresses_are_never_given_to_containers_and_create_records_the_ipam_and_attachable_settings()
    {
        var subnet = NetworkHost.FreeSubnet();
        var prefix = subnet[..subnet.LastIndexOf('.')];
        _host.Run("network", "create", "--subnet", subnet, "--aux-address", $"printer={prefix}.2", "--aux-address", $"nas={prefix}.3",
            "--ipam-driver", "default", "--ipam-opt", "foo=bar", "--attachable", "--scope", "local", "aux").Ok();

        Assert.Equal($"{{\"nas\":\"{prefix}.3\",\"printer\":\"{prefix}.2\"}}",
            _host.Run("network", "inspect", "-f", "{{json (index .IPAM.Config 0).AuxiliaryAddresses}}", "aux").Ok().Stdout.Trim());
        Assert.Equal("{\"foo\":\"bar\"} true local",
            _host.Run("network", "inspect", "-f", "{{json .IPAM.Options}} {{.Attachable}} {{.Scope}}", "aux").Ok().Stdout.Trim());
        var id = _host.Detached("--network", "aux", ContainerHost.Image, "sleep", "60");
        Assert.Equal($"{prefix}.4", _host.Inspect(id, "{{.NetworkSettings.Networks.aux.IPAddress}}"));
        _host.Run("run", "--rm", "--network", "aux", "--ip", $"{prefix}.2", ContainerHost.Image, "true").FailsWith(125, "Address already in use");
    }

    [Fact]
    public void A_default_bridge_container_connected_to_a_user_network_resolves_its_names()
    {
        _host.CreateNetwork("late");
        _host.Detached("--name", "server", "--network", "late", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        var id = _host.Detached("--name", "joiner", ContainerHost.Image, "sleep", "60");
        Assert.DoesNotContain("127.0.0.11", _host.Run("exec", id, "cat", "/etc/resolv.conf").Ok().Stdout);

        _host.Run("network", "connect", "late", "joiner").Ok();
        Assert.Contains("nameserver 127.0.0.11", _host.Run("exec", id, "cat", "/etc/resolv.conf").Ok().Stdout);
        Assert.Equal("from the image\n", _host.Run("exec", id, "wget", "-q", "-O-", "http://server/seed.txt").Ok().Stdout);
    }

    [Fact]
    public void Network_ls_lists_the_predefined_networks_and_rm_and_prune_remove_user_ones()
    {
        _host.CreateNetwork("keep");
        _host.CreateNetwork("drop", "--label", "team=a", "--internal");
        var names = _host.Run("network", "ls", "--format", "{{.Name}} {{.Driver}}").Ok().Lines;
        Assert.Equal(["bridge bridge", "drop bridge", "host host", "keep bridge", "none null"], names);
        Assert.Equal("true map[team:a]", _host.Run("network", "inspect", "-f", "{{.Internal}} {{.Labels}}", "drop").Ok().Stdout.Trim());
        _host.Run("create", "--network", "keep", ContainerHost.Image, "true").Ok();
        _host.Run("network", "rm", "drop").Ok();
        // keep is referred to by a container (created, not running): prune leaves it.
        Assert.Equal("", _host.Run("network", "prune", "-f").Ok().Stdout);
        _host.Run("network", "inspect", "keep").Ok();
        _host.Run("network", "inspect", "drop").FailsWith(1, "network drop not found");
    }

    [Fact]
    public void An_internal_network_has_no_default_route_and_mac_address_sets_the_interfaces_mac()
    {
        _host.CreateNetwork("sealed", "--internal");
        var result = _host.Run("run", "--rm", "--network", "sealed", "--mac-address", "02:42:AA:bb:cc:dd", ContainerHost.Image, "sh", "-c", "ip route; ip link show eth0");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("default", result.Stdout);
        Assert.Contains("link/ether 02:42:aa:bb:cc:dd", result.Stdout);
        _host.Run("run", "--rm", "--network", "sealed", "--mac-address", "nope", ContainerHost.Image, "true").FailsWith(125, "nope is not a valid mac address");
    }

    public void Dispose() => _host.Dispose();
}
