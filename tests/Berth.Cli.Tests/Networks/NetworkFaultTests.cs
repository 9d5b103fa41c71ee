using Berth.Cli.Tests.Containers;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Networks;

/// <summary>Nothing leaks: kill -9 of a container or of its monitor, and parallel starts never share an address.</summary>
public sealed class NetworkFaultTests : IDisposable
{
    private readonly NetworkHost _host = new();

    [Fact]
    public void Kill_9_of_the_container_releases_the_veth_the_rules_and_the_port_and_rm_the_bridge()
    {
        _host.CreateNetwork("k9");
        var bridge = "br-" + _host.Run("network", "inspect", "-f", "{{.Id}}", "k9").Ok().Stdout.Trim()[..12];
        var id = _host.Detached("--network", "k9", "-p", "127.0.0.1::80", ContainerHost.Image, "httpd", "-f", "-p", "80", "-h", "/data");
        Assert.True(NetworkHost.LinkExists(bridge));
        Assert.True(_host.NftTableExists());
        var port = int.Parse(_host.Run("port", id, "80").Ok().Stdout.Trim().Split(':')[1]);
        // httpd may not listen yet when run -d returns.
        ContainerHost.Eventually(() => NetworkHost.Connects(port), "the published port to answer");

        Tool.MustRun("kill", "-9", _host.Inspect(id, "{{.State.Pid}}"));
        ContainerHost.Eventually(() => _host.Inspect(id, "{{.State.Status}}") == "exited", "the container to exit");
        ContainerHost.Eventually(() => NetworkHost.BridgePorts(bridge).Length == 0, "the veth to go");
        Assert.DoesNotContain($"dport {port}", _host.NftRules());
        Assert.False(NetworkHost.Connects(port));
        Assert.Equal("{}", _host.Run("network", "inspect", "-f", "{{json .Containers}}", "k9").Ok().Stdout.Trim());
        // The bridge belongs to the network, as Docker's does: it goes with network rm, the rules with it.
        _host.Run("network", "rm", "k9").Ok();
        Assert.False(NetworkHost.LinkExists(bridge));
        Assert.False(_host.NftTableExists());
    }

    [Fact]
    public void Kill_9_of_the_monitor_leaves_a_running_container_attached_until_a_later_command_finds_it_gone()
    {
        _host.CreateNetwork("mon");
        var bridge = "br-" + _host.Run("network", "inspect", "-f", "{{.Id}}", "mon").Ok().Stdout.Trim()[..12];
        var id = _host.Detached("--network", "mon", ContainerHost.Image, "sleep", "60");
        var pid = _host.Inspect(id, "{{.State.Pid}}");
        var monitor = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("PPid:")).Split('\t')[1].Trim();
        Tool.MustRun("kill", "-9", monitor);
        Assert.Equal("running", _host.Inspect(id, "{{.State.Status}}"));
        Assert.True(NetworkHost.LinkExists(bridge));

        Tool.MustRun("kill", "-9", pid);
        ContainerHost.Eventually(() => _host.Inspect(id, "{{.State.Status}}") == "exited", "reconcile to see the exit");
        ContainerHost.Eventually(() => NetworkHost.BridgePorts(bridge).Length == 0, "the unpinned namespace's veth to go");
        Assert.Equal("{}", _host.Run("network", "inspect", "-f", "{{json .Containers}}", "mon").Ok().Stdout.Trim());
        _host.Run("network", "rm", "mon").Ok();
        Assert.False(NetworkHost.LinkExists(bridge));
        Assert.False(_host.NftTableExists());
    }

    [Fact]
    public void Parallel_starts_never_get_the_same_address()
    {
        _host.CreateNetwork("busy");
        var ids = new string[6];
        Parallel.For(0, ids.Length, i => ids[i] = _host.Detached("--network", "busy", ContainerHost.Image, "sleep", "60"));
        var addresses = ids.Select(id => _host.Inspect(id, "{{.NetworkSettings.Networks.busy.IPAddress}}")).ToList();
        Assert.Equal(ids.Length, addresses.Distinct().Count());
        Assert.All(addresses, a => Assert.NotEqual("", a));
    }

    public void Dispose() => _host.Dispose();
}
