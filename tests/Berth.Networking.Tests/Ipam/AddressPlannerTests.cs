using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Networking.Tests.Ipam;

public sealed class AddressPlannerTests
{
    [Fact]
    public void Plan_WithoutGateway_TakesTheFirstHostAddress()
    {
        var plan = AddressPlanner.Plan("10.20.0.0/16", null, null);
        Assert.Equal("10.20.0.0/16", plan.Subnet.ToString());
        Assert.Equal("10.20.0.1", plan.GatewayText);
        Assert.Equal(plan.Subnet, plan.Range);
    }

    [Theory]
    [InlineData("10.20.0.1/16", null, null, "invalid subnet")]
    [InlineData("10.20.0.0/33", null, null, "invalid CIDR")]
    [InlineData("banana", null, null, "invalid CIDR")]
    [InlineData("10.20.0.0/16", "10.21.0.1", null, "invalid gateway")]
    [InlineData("10.20.0.0/16", "10.20.255.255", null, "invalid gateway")]
    [InlineData("10.20.0.0/16", null, "10.21.0.0/24", "not within subnet")]
    [InlineData("10.20.0.0/31", null, null, "too small")]
    public void Plan_BadInput_IsRejected(string subnet, string? gateway, string? range, string message)
    {
        var e = Assert.Throws<BerthException>(() => AddressPlanner.Plan(subnet, gateway, range));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Allocate_SkipsNetworkGatewayAndTaken()
    {
        var plan = AddressPlanner.Plan("10.20.0.0/24", null, null);
        var taken = new HashSet<uint> { Ipv4Subnet.ParseAddress("10.20.0.2") };
        Assert.Equal("10.20.0.3", Ipv4Subnet.Format(AddressPlanner.Allocate(plan, taken, null, "n")));
    }

    [Fact]
    public void Allocate_StaysInsideTheIpRange()
    {
        var plan = AddressPlanner.Plan("10.20.0.0/16", null, "10.20.5.0/24");
        Assert.Equal("10.20.5.0", Ipv4Subnet.Format(AddressPlanner.Allocate(plan, new HashSet<uint>(), null, "n")));
    }

    [Fact]
    public void Allocate_FullSubnet_SaysSoWithTheNetworkName()
    {
        var plan = AddressPlanner.Plan("10.20.0.0/30", null, null);
        var taken = new HashSet<uint> { Ipv4Subnet.ParseAddress("10.20.0.2") };
        var e = Assert.Throws<BerthException>(() => AddressPlanner.Allocate(plan, taken, null, "tiny"));
        Assert.Equal("no available IPv4 addresses on this network's address pools: tiny", e.Message);
    }

    [Theory]
    [InlineData("10.20.0.9", null)]
    [InlineData("10.20.0.1", "Address already in use")]
    [InlineData("10.20.0.2", "Address already in use")]
    [InlineData("10.21.0.9", "does not belong")]
    [InlineData("10.20.0.255", "does not belong")]
    [InlineData("nope", "invalid IPv4 address")]
    public void Allocate_RequestedAddress(string requested, string? error)
    {
        var plan = AddressPlanner.Plan("10.20.0.0/24", null, null);
        var taken = new HashSet<uint> { Ipv4Subnet.ParseAddress("10.20.0.2") };
        if (error is null)
        {
            Assert.Equal(requested, Ipv4Subnet.Format(AddressPlanner.Allocate(plan, taken, requested, "n")));
            return;
        }
        Assert.Contains(error, Assert.Throws<BerthException>(() => AddressPlanner.Allocate(plan, taken, requested, "n")).Message);
    }

    [Fact]
    public void FirstFree_SkipsOverlappingSubnets()
    {
        var used = new[] { Ipv4Subnet.Parse("172.17.0.0/16"), Ipv4Subnet.Parse("172.18.4.0/24") };
        Assert.Equal("172.19.0.0/16", AddressPlanner.FirstFree(AddressPlanner.DefaultPool(), used).ToString());
    }

    [Fact]
    public void Overlaps_IsSymmetricAndExact()
    {
        var a = Ipv4Subnet.Parse("10.0.0.0/8");
        var b = Ipv4Subnet.Parse("10.9.0.0/16");
        var c = Ipv4Subnet.Parse("11.0.0.0/16");
        Assert.True(a.Overlaps(b));
        Assert.True(b.Overlaps(a));
        Assert.False(a.Overlaps(c));
    }

    [Fact]
    public void MacFor_IsDockersScheme() => Assert.Equal("02:42:ac:11:00:02", AddressPlanner.MacFor(Ipv4Subnet.ParseAddress("172.17.0.2")));
}
