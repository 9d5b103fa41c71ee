using Berth.Networking.Ports;
using Berth.Oci;

namespace Berth.Networking.Tests.Ports;

public sealed class PortSpecTests
{
    [Theory]
    [InlineData("80", "", 0, 80, "tcp")]
    [InlineData("8080:80", "", 8080, 80, "tcp")]
    [InlineData("127.0.0.1:8080:80/udp", "127.0.0.1", 8080, 80, "udp")]
    [InlineData("127.0.0.1::80", "127.0.0.1", 0, 80, "tcp")]
    [InlineData("53/UDP", "", 0, 53, "udp")]
    public void Parse_SinglePort(string spec, string hostIp, int hostPort, int containerPort, string protocol) =>
        Assert.Equal(new PortMapping(hostIp, hostPort, containerPort, protocol), Assert.Single(PortSpec.Parse(spec)));

    [Fact]
    public void Parse_RangesMapOneToOne()
    {
        var mappings = PortSpec.Parse("9000-9002:80-82");
        Assert.Equal([9000, 9001, 9002], mappings.Select(m => m.HostPort));
        Assert.Equal([80, 81, 82], mappings.Select(m => m.ContainerPort));
    }

    [Theory]
    [InlineData("abc", "invalid containerPort: abc")]
    [InlineData("0", "invalid containerPort: 0")]
    [InlineData("70000", "invalid containerPort: 70000")]
    [InlineData("x:80", "invalid hostPort: x")]
    [InlineData("80/sctpx", "invalid proto: sctpx")]
    [InlineData("1.2.3:80:80", "invalid IP address: 1.2.3")]
    [InlineData("9000-9001:80-82", "invalid ranges")]
    [InlineData("90-80", "invalid containerPort: 90-80")]
    [InlineData("a:b:c:d", "invalid port format")]
    public void Parse_BadSpec_IsInvalid(string spec, string message)
    {
        var e = Assert.Throws<BerthException>(() => PortSpec.Parse(spec));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ParseExposed_ExpandsRanges() => Assert.Equal(["53/udp", "54/udp"], PortSpec.ParseExposed("53-54/udp"));
}
