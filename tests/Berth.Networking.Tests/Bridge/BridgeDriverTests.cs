using System.Text.Json;
using Berth.Networking.Bridge;
using Berth.Networking.Tests.Netlink;
using Berth.Oci;

namespace Berth.Networking.Tests.Bridge;

public sealed class BridgeDriverTests
{
    // The driver never runs a tool: one that would fail proves it.
    private sealed class NoTools : IToolRunner
    {
        public Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> args, string? stdin, CancellationToken ct) =>
            throw new InvalidOperationException($"unexpected tool run: {tool}");
    }

    private static readonly BridgeDriver Driver = new(new NoTools());

    private static VethPlan Plan(string hostVeth = "vethtest1", string name = "eth0", string address = "10.77.0.2/24", string? gateway = "10.77.0.1") => new()
    {
        Bridge = "brtest0",
        HostVeth = hostVeth,
        InterfaceName = name,
        Mac = "02:42:0a:4d:00:02",
        AddressCidr = address,
        DefaultGateway = gateway,
    };

    [Fact]
    public void EnsureBridgeThenAttach_ConfiguresBothEnds_AndPacketsFlow()
    {
        using var ns = new ScratchNamespaces();
        ns.InHost(async () =>
        {
            await Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None);
            await Driver.AttachAsync(ns.Container, Plan(), CancellationToken.None);
        });

        var bridge = Single(ScratchNamespaces.IpJson(ns.Host, "addr", "show", "dev", "brtest0"));
        Assert.Contains("UP", Flags(bridge));
        Assert.Equal(("10.77.0.1", 24), Inet(bridge));
        var hostEnd = Single(ScratchNamespaces.IpJson(ns.Host, "link", "show", "dev", "vethtest1"));
        Assert.Equal("brtest0", hostEnd.GetProperty("master").GetString());
        Assert.Contains("UP", Flags(hostEnd));

        var eth0 = Single(ScratchNamespaces.IpJson(ns.Container, "addr", "show", "dev", "eth0"));
        Assert.Equal("02:42:0a:4d:00:02", eth0.GetProperty("address").GetString());
        Assert.Contains("UP", Flags(eth0));
        Assert.Equal(("10.77.0.2", 24), Inet(eth0));
        Assert.Equal("10.77.0.255", eth0.GetProperty("addr_info").EnumerateArray().First(a => a.GetProperty("family").GetString() == "inet").GetProperty("broadcast").GetString());
        Assert.Contains("UP", Flags(Single(ScratchNamespaces.IpJson(ns.Container, "link", "show", "dev", "lo"))));
        var route = Single(ScratchNamespaces.IpJson(ns.Container, "route", "show", "default"));
        Assert.Equal("10.77.0.1", route.GetProperty("gateway").GetString());
        Assert.Equal("eth0", route.GetProperty("dev").GetString());

        // The container reaches its gateway across the pair and the bridge.
        Assert.Equal(0, ScratchNamespaces.Run("nsenter", [$"--net={ns.Container}", "/bin/busybox", "ping", "-c", "1", "-W", "5", "10.77.0.1"]).Code);
    }

    [Fact]
    public void Attach_WithoutGateway_AddsNoDefaultRoute()
    {
        using var ns = new ScratchNamespaces();
        ns.InHost(async () =>
        {
            await Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None);
            await Driver.AttachAsync(ns.Container, Plan(gateway: null), CancellationToken.None);
        });
        Assert.Equal(0, ScratchNamespaces.IpJson(ns.Container, "route", "show", "default").GetArrayLength());
        Assert.Equal(("10.77.0.2", 24), Inet(Single(ScratchNamespaces.IpJson(ns.Container, "addr", "show", "dev", "eth0"))));
    }

    [Fact]
    public void Attach_NameTakenInContainer_FailsNamingIt_AndLeavesNoHostEnd()
    {
        using var ns = new ScratchNamespaces();
        var failure = Assert.Throws<BerthException>(() => ns.InHost(async () =>
        {
            await Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None);
            await Driver.AttachAsync(ns.Container, Plan(), CancellationToken.None);
            await Driver.AttachAsync(ns.Container, Plan(hostVeth: "vethtest2"), CancellationToken.None);
        }));
        Assert.Contains("creating veth pair vethtest2 for eth0", failure.Message);
        Assert.Contains("errno 17", failure.Message);
        Assert.False(ns.InHost(() => BridgeDriver.Exists("vethtest2")));
        Assert.True(ns.InHost(() => BridgeDriver.Exists("vethtest1")));
    }

    [Fact]
    public void Attach_RouteFailsInside_DeletesThePair_AndNamesTheInterface()
    {
        using var ns = new ScratchNamespaces();
        // A gateway outside the interface's subnet is unreachable: the kernel refuses the route.
        var failure = Assert.Throws<BerthException>(() => ns.InHost(async () =>
        {
            await Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None);
            await Driver.AttachAsync(ns.Container, Plan(gateway: "10.99.0.1"), CancellationToken.None);
        }));
        Assert.StartsWith("adding default route via 10.99.0.1 on eth0: ", failure.Message);
        Assert.False(ns.InHost(() => BridgeDriver.Exists("vethtest1")));
        Assert.Equal(0, ScratchNamespaces.IpJson(ns.Container, "link", "show", "type", "veth").GetArrayLength());
    }

    [Fact]
    public void Attach_MissingBridge_IsNotFound()
    {
        using var ns = new ScratchNamespaces();
        var failure = Assert.Throws<BerthException>(() => ns.InHost(() => Driver.AttachAsync(ns.Container, Plan(), CancellationToken.None)));
        Assert.Equal(ErrorKind.NotFound, failure.Kind);
        Assert.Contains("brtest0", failure.Message);
    }

    [Fact]
    public void Attach_BadMacOrAddress_IsInvalidBeforeAnythingIsMade()
    {
        using var ns = new ScratchNamespaces();
        ns.InHost(() => Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None));
        var mac = Assert.Throws<BerthException>(() => ns.InHost(() => Driver.AttachAsync(ns.Container, Plan() with { Mac = "02:42:zz:00:00:02" }, CancellationToken.None)));
        Assert.Equal(ErrorKind.InvalidArgument, mac.Kind);
        var address = Assert.Throws<BerthException>(() => ns.InHost(() => Driver.AttachAsync(ns.Container, Plan(address: "10.77.0.2/33"), CancellationToken.None)));
        Assert.Equal(ErrorKind.InvalidArgument, address.Kind);
        Assert.False(ns.InHost(() => BridgeDriver.Exists("vethtest1")));
    }

    [Theory]
    [InlineData("10.77.0.1")]
    [InlineData("10.77.0.1/40")]
    [InlineData("fe80::1/64")]
    public void EnsureBridge_BadGatewayCidr_IsInvalid_AndMakesNothing(string gatewayCidr)
    {
        using var ns = new ScratchNamespaces();
        var failure = Assert.Throws<BerthException>(() => ns.InHost(() => Driver.EnsureBridgeAsync("brtest0", gatewayCidr, CancellationToken.None)));
        Assert.Equal(ErrorKind.InvalidArgument, failure.Kind);
        Assert.False(ns.InHost(() => BridgeDriver.Exists("brtest0")));
    }

    [Fact]
    public void EnsureBridge_Twice_IsIdempotent_AndDeleteTwiceIsNotAnError()
    {
        using var ns = new ScratchNamespaces();
        ns.InHost(async () =>
        {
            await Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None);
            await Driver.EnsureBridgeAsync("brtest0", "10.77.0.1/24", CancellationToken.None);
        });
        Assert.Single(ScratchNamespaces.IpJson(ns.Host, "addr", "show", "dev", "brtest0")[0].GetProperty("addr_info").EnumerateArray(),
            a => a.GetProperty("family").GetString() == "inet");
        ns.InHost(async () =>
        {
            await Driver.AttachAsync(ns.Container, Plan(), CancellationToken.None);
            await Driver.DeleteLinkAsync("vethtest1", CancellationToken.None);
            await Driver.DeleteLinkAsync("vethtest1", CancellationToken.None);
            await Driver.DeleteBridgeAsync("brtest0", CancellationToken.None);
            await Driver.DeleteBridgeAsync("brtest0", CancellationToken.None);
        });
        Assert.False(ns.InHost(() => BridgeDriver.Exists("brtest0")));
        // The pair went with its host end: nothing is left in the container either.
        Assert.Equal(0, ScratchNamespaces.IpJson(ns.Container, "link", "show", "type", "veth").GetArrayLength());
    }

    private static JsonElement Single(JsonElement array) => Assert.Single(array.EnumerateArray());

    private static IEnumerable<string?> Flags(JsonElement link) => link.GetProperty("flags").EnumerateArray().Select(f => f.GetString());

    private static (string?, int) Inet(JsonElement link)
    {
        var inet = Assert.Single(link.GetProperty("addr_info").EnumerateArray(), a => a.GetProperty("family").GetString() == "inet");
        return (inet.GetProperty("local").GetString(), inet.GetProperty("prefixlen").GetInt32());
    }
}
