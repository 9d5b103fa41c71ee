using Berth.Engine.Networks;
using Berth.Engine.Tests.Support;
using Berth.Oci;

namespace Berth.Engine.Tests.Networks;

/// <summary>
/// Network rows on a real metadata database: predefined networks, address plans, overlaps, removal rules, filters.
/// A user network's bridge is made with it, so every test's networks are removed again at the end.
/// </summary>
public sealed class NetworkServiceTests : IDisposable
{
    private readonly TempDirectory _root = new("berth-networks-");
    private readonly TempDirectory _runRoot = new("berth-networks-run-");

    private BerthEngine Open() => BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path, BridgeIp = "10.201.7.1/24" });

    [Fact]
    public async Task A_new_root_lists_bridge_host_and_none_with_the_configured_default_subnet()
    {
        using var engine = Open();
        var networks = await engine.Networks.ListAsync([], CancellationToken.None);
        Assert.Equal(["bridge", "host", "none"], networks.Select(n => n.Name).Order());
        var bridge = networks.Single(n => n.Name == "bridge");
        Assert.Equal("10.201.7.0/24", bridge.IPAM.Config.Single().Subnet);
        Assert.Equal("10.201.7.1", bridge.IPAM.Config.Single().Gateway);
        Assert.Equal(["bridge", "host", "null"], networks.OrderBy(n => n.Name).Select(n => n.Driver));
    }

    [Fact]
    public async Task Create_plans_the_gateway_and_refuses_overlaps_and_taken_names()
    {
        using var engine = Open();
        var id = await engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "apps", Subnet = "10.62.0.0/16", IpRange = "10.62.3.0/24" }, CancellationToken.None);
        var inspect = await engine.Networks.InspectAsync(id[..8], CancellationToken.None);
        Assert.Equal("apps", inspect.Name);
        Assert.Equal("10.62.0.1", inspect.IPAM.Config.Single().Gateway);
        Assert.Equal("10.62.3.0/24", inspect.IPAM.Config.Single().IPRange);

        var overlap = await Assert.ThrowsAsync<BerthException>(() => engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "more", Subnet = "10.62.9.0/24" }, CancellationToken.None));
        Assert.Equal("Pool overlaps with other one on this address space", overlap.Message);
        var withDefault = await Assert.ThrowsAsync<BerthException>(() => engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "x", Subnet = "10.201.7.128/25" }, CancellationToken.None));
        Assert.Equal(ErrorKind.Conflict, withDefault.Kind);
        var taken = await Assert.ThrowsAsync<BerthException>(() => engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "apps" }, CancellationToken.None));
        Assert.Equal("network with name apps already exists", taken.Message);
        var badName = await Assert.ThrowsAsync<BerthException>(() => engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "bad/name" }, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, badName.Kind);
    }

    [Fact]
    public async Task Without_a_subnet_each_network_gets_a_pool_no_other_network_overlaps()
    {
        using var engine = Open();
        await engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "a" }, CancellationToken.None);
        await engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "b" }, CancellationToken.None);
        var subnets = (await engine.Networks.ListAsync([], CancellationToken.None))
            .SelectMany(n => n.IPAM.Config).Select(c => Networking.Ipam.Ipv4Subnet.Parse(c.Subnet)).ToList();
        Assert.Equal(3, subnets.Count);
        for (var i = 0; i < subnets.Count; i++)
            for (var j = i + 1; j < subnets.Count; j++)
                Assert.False(subnets[i].Overlaps(subnets[j]), $"{subnets[i]} overlaps {subnets[j]}");
    }

    [Fact]
    public async Task Predefined_networks_cannot_be_removed_and_prune_removes_only_unused_user_networks()
    {
        using var engine = Open();
        var error = await Assert.ThrowsAsync<BerthException>(() => engine.Networks.RemoveAsync("host", CancellationToken.None));
        Assert.Equal("host is a pre-defined network and cannot be removed", error.Message);
        await engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "gone", Subnet = "10.63.0.0/24" }, CancellationToken.None);
        var report = await engine.Networks.PruneAsync([], CancellationToken.None);
        Assert.Equal(["gone"], report.NetworksDeleted);
        var missing = await Assert.ThrowsAsync<BerthException>(() => engine.Networks.InspectAsync("gone", CancellationToken.None));
        Assert.Equal("network gone not found", missing.Message);
    }

    [Fact]
    public async Task Ls_and_prune_filters_select_networks_as_dockers_do()
    {
        using var engine = Open();
        await engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "front-end", Subnet = "10.64.1.0/24", Labels = new Dictionary<string, string> { ["tier"] = "web" } }, CancellationToken.None);
        await engine.Networks.CreateAsync(new NetworkCreateOptions { Name = "back-end", Subnet = "10.64.2.0/24", Labels = new Dictionary<string, string> { ["tier"] = "db" } }, CancellationToken.None);
        async Task<string[]> Names(params (string Key, string Value)[] filters) =>
            [.. (await engine.Networks.ListAsync(filters.Select(f => KeyValuePair.Create(f.Key, f.Value)).ToList(), CancellationToken.None)).Select(n => n.Name).Order()];

        Assert.Equal(["back-end", "front-end"], await Names(("type", "custom")));
        Assert.Equal(["bridge", "host", "none"], await Names(("type", "builtin")));
        Assert.Equal(["front-end"], await Names(("name", "front")));
        Assert.Equal(["back-end", "front-end"], await Names(("name", "^.*-end$")));
        Assert.Equal(["back-end"], await Names(("label", "tier=db")));
        Assert.Equal(["back-end", "front-end"], await Names(("label", "tier"), ("driver", "bridge")));
        Assert.Equal(["back-end", "front-end"], await Names(("dangling", "true")));
        Assert.Equal(["bridge", "host", "none"], await Names(("dangling", "false")));
        var bad = await Assert.ThrowsAsync<BerthException>(() => Names(("colour", "red")));
        Assert.Equal("invalid filter 'colour'", bad.Message);
        await Assert.ThrowsAsync<BerthException>(() => Names(("type", "other")));

        var report = await engine.Networks.PruneAsync([KeyValuePair.Create("label!", "tier=web")], CancellationToken.None);
        Assert.Equal(["back-end"], report.NetworksDeleted);
        report = await engine.Networks.PruneAsync([KeyValuePair.Create("until", "2000-01-01")], CancellationToken.None);
        Assert.Empty(report.NetworksDeleted);
    }

    public void Dispose()
    {
        using (var engine = Open()) engine.Networks.PruneAsync([], CancellationToken.None).GetAwaiter().GetResult();
        _root.Dispose();
        _runRoot.Dispose();
    }
}
