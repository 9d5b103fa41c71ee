using System.Diagnostics;
using Berth.Networking.Bridge;
using Berth.Networking.Ipam;

namespace Berth.Networking.Tests.Bridge;

public sealed class NftRulesetTests
{
    private static readonly NftNetwork Plain = new("br-aaaaaaaaaaaa", Ipv4Subnet.Parse("10.31.0.0/16"), false);
    private static readonly NftNetwork Internal = new("br-bbbbbbbbbbbb", Ipv4Subnet.Parse("10.32.0.0/16"), true);

    [Fact]
    public void Render_NoNetworks_OnlyDeletesTheTable()
    {
        var script = NftRuleset.Render("berth_t", [], []);
        Assert.Equal("table ip berth_t\ndelete table ip berth_t\n", script);
    }

    [Fact]
    public void Render_MasqueradesOnlyNonInternalNetworks()
    {
        var script = NftRuleset.Render("berth_t", [Plain, Internal], []);
        Assert.Contains("ip saddr 10.31.0.0/16 oifname != \"br-aaaaaaaaaaaa\" masquerade", script);
        Assert.DoesNotContain("ip saddr 10.32.0.0/16 oifname != \"br-bbbbbbbbbbbb\" masquerade", script);
        Assert.Contains("iifname \"br-bbbbbbbbbbbb\" oifname != \"br-bbbbbbbbbbbb\" drop", script);
        Assert.Contains("iifname \"br-aaaaaaaaaaaa\" oifname { \"br-bbbbbbbbbbbb\" } drop", script);
    }

    [Fact]
    public void Render_PublishesSpecificAddressesBeforeWildcards()
    {
        var script = NftRuleset.Render("berth_t", [Plain],
            [new NftPort("", 8080, "tcp", "10.31.0.2", 80), new NftPort("127.0.0.1", 5353, "udp", "10.31.0.3", 53)]);
        var specific = script.IndexOf("ip daddr 127.0.0.1 udp dport 5353 dnat to 10.31.0.3:53", StringComparison.Ordinal);
        var wildcard = script.IndexOf("tcp dport 8080 dnat to 10.31.0.2:80", StringComparison.Ordinal);
        Assert.True(specific > 0 && wildcard > specific, script);
    }

    [Fact]
    public void Render_IsAcceptedByNft()
    {
        var script = NftRuleset.Render("berth_check", [Plain, Internal],
            [new NftPort("", 8080, "tcp", "10.31.0.2", 80), new NftPort("127.0.0.1", 5353, "udp", "10.31.0.3", 53)]);
        var nft = Process.Start(new ProcessStartInfo("nft", ["--check", "-f", "-"]) { RedirectStandardInput = true, RedirectStandardError = true })!;
        nft.StandardInput.Write(script);
        nft.StandardInput.Close();
        var error = nft.StandardError.ReadToEnd();
        nft.WaitForExit();
        Assert.True(nft.ExitCode == 0, error + "\n" + script);
    }
}
