using System.Net;
using System.Net.Sockets;
using Berth.Cli.Tests.Containers;

namespace Berth.Cli.Tests.Networks;

/// <summary>Published ports: -p and -P, TCP and UDP, reached from the host's loopback and freed when the container stops.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly NetworkHost _host = new();

    [Fact]
    public async Task A_published_port_is_reachable_on_loopback_and_freed_when_the_container_stops()
    {
        _host.CreateNetwork("pub");
        var id = _host.Detached("--network", "pub", "-p", "127.0.0.1::80", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        var line = Assert.Single(_host.Run("port", id).Ok().Lines);
        Assert.StartsWith("80/tcp -> 127.0.0.1:", line);
        var port = int.Parse(line[(line.LastIndexOf(':') + 1)..]);
        Assert.Equal($"127.0.0.1:{port}\n", _host.Run("port", id, "80").Ok().Stdout);
        using (var http = new HttpClient())
            Assert.Equal("from the image\n", await http.GetStringAsync($"http://127.0.0.1:{port}/seed.txt"));

        // While it runs the port is taken for anyone else; after stop it is free and no longer forwarded.
        using (var rival = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            Assert.Throws<SocketException>(() => rival.Bind(new IPEndPoint(IPAddress.Loopback, port)));
        _host.Run("stop", "-t", "1", id).Ok();
        Assert.False(NetworkHost.Connects(port));
        using var after = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        after.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public void Publish_all_maps_every_exposed_port_and_other_containers_reach_it_through_the_gateway()
    {
        _host.CreateNetwork("all");
        var id = _host.Detached("--network", "all", "--expose", "80", "--expose", "5353/udp", "-P", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        var lines = _host.Run("port", id).Ok().Lines;
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^5353/udp -> 0\.0\.0\.0:\d+$", lines[1]);
        var port = lines[0][(lines[0].LastIndexOf(':') + 1)..];
        var gateway = _host.Inspect(id, "{{.NetworkSettings.Networks.all.Gateway}}");
        // Hairpin: a container on the same bridge through the host's address on that bridge.
        var fetched = _host.Run("run", "--rm", "--network", "all", ContainerHost.Image, "wget", "-q", "-O-", $"http://{gateway}:{port}/seed.txt");
        Assert.Equal("from the image\n", fetched.Ok().Stdout);
    }

    [Fact]
    public void A_udp_port_is_forwarded_both_ways()
    {
        _host.CreateNetwork("udp");
        var id = _host.Detached("--network", "udp", "-p", "127.0.0.1::5353/udp", ContainerHost.Image, "sleep", "60");
        var port = int.Parse(_host.Run("port", id, "5353/udp").Ok().Stdout.Trim().Split(':')[1]);
        var pid = int.Parse(_host.Inspect(id, "{{.State.Pid}}"));
        // busybox has no UDP server, so the test listens inside the container's namespace itself.
        using var server = NetworkHost.SocketIn(pid, SocketType.Dgram, ProtocolType.Udp);
        // Not 53: the embedded DNS server holds 127.0.0.11:53 in the namespace.
        server.Bind(new IPEndPoint(IPAddress.Any, 5353));
        server.ReceiveTimeout = 5000;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        client.Connect(IPAddress.Loopback, port);
        client.Send("ping"u8);
        var buffer = new byte[16];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var n = server.ReceiveFrom(buffer, ref from);
        Assert.Equal("ping", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        server.SendTo("pong"u8, from);
        n = client.Receive(buffer);
        Assert.Equal("pong", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public void The_default_bridge_gives_an_address_and_docker_like_host_files()
    {
        var result = _host.Run("run", "--rm", "--network", "bridge", "--add-host", "gw:host-gateway", "--dns", "192.0.2.53",
            ContainerHost.Image, "sh", "-c", "cat /etc/hosts /etc/resolv.conf; ip route");
        Assert.True(result.ExitCode == 0, result.ToString());
        var gateway = _host.Run("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").Ok().Stdout.Trim();
        Assert.Contains($"{gateway}\tgw\n", result.Stdout);
        Assert.Contains("nameserver 192.0.2.53", result.Stdout);
        Assert.DoesNotContain("127.0.0.11", result.Stdout);
        Assert.Contains($"default via {gateway}", result.Stdout);
        _host.Run("run", "--rm", "--network", "bridge", "--network-alias", "x", ContainerHost.Image, "true")
            .FailsWith(125, "network-scoped alias is supported only for containers in user defined networks");
    }

    public void Dispose() => _host.Dispose();
}
