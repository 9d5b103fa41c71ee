namespace Berth.CommandLine.Tests;

public sealed class FlagSyntaxTests
{
    [Theory]
    [InlineData("--format", "{{.ID}}")]
    [InlineData("--format={{.ID}}")]
    public async Task LongFlag_TakesValueSeparatelyOrAfterEquals(params string[] flag)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync(["images", .. flag]);
        Assert.Equal("{{.ID}}", result.Ran.Get(cli.Format));
        Assert.True(result.Ran.IsSet(cli.Format));
    }

    [Theory]
    [InlineData("-f", "dangling=true")]
    [InlineData("-fdangling=true")]
    [InlineData("-f=dangling=true")]
    [InlineData("--filter=dangling=true")]
    public async Task ShortFlag_TakesValueSeparatelyAttachedOrAfterEquals(params string[] flag)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync(["images", .. flag]);
        Assert.Equal(["dangling=true"], result.Ran.Get(cli.Filter));
    }

    [Fact]
    public async Task CombinedBoolShorthands_SetEachSwitch()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "-aq");
        Assert.True(result.Ran.Get(cli.All));
        Assert.True(result.Ran.Get(cli.Quiet));
    }

    [Fact]
    public async Task CombinedShorthands_LastMayTakeTheValue()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "-aqf", "label=x");
        Assert.True(result.Ran.Get(cli.Quiet));
        Assert.Equal(["label=x"], result.Ran.Get(cli.Filter));
    }

    [Theory]
    [InlineData("--all=false", false)]
    [InlineData("--all=true", true)]
    [InlineData("--all=0", false)]
    [InlineData("--all=T", true)]
    [InlineData("-a=false", false)]
    [InlineData("--all", true)]
    public async Task Bool_AcceptsExplicitValueOnlyAfterEquals(string flag, bool expected)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", flag);
        Assert.Equal(expected, result.Ran.Get(cli.All));
        Assert.True(result.Ran.IsSet(cli.All));
    }

    [Fact]
    public async Task Bool_DoesNotConsumeTheNextWord()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "--all", "false");
        Assert.True(result.Ran.Get(cli.All));
        Assert.Equal(["false"], result.Ran.Arguments);
    }

    [Fact]
    public async Task UnsetFlags_ReadAsDefaults()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("ps");
        Assert.Equal(-1, result.Ran.Get(cli.Last));
        Assert.False(result.Ran.IsSet(cli.Last));
        Assert.Equal("/var/lib/berth", result.Ran.Get(cli.RootDir));
        Assert.Empty(result.Ran.Get(cli.Filter));
    }

    [Fact]
    public async Task List_IsRepeatableAndNeverSplitOnCommas()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "-f", "a=1,b=2", "--filter", "c=3");
        Assert.Equal(["a=1,b=2", "c=3"], result.Ran.Get(cli.Filter));
    }

    [Fact]
    public async Task StringSlice_SplitsOnCommasAndAppends()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "--cap-add", "NET_ADMIN,SYS_TIME", "--cap-add=\"A,B\",C", "busybox");
        Assert.Equal(["NET_ADMIN", "SYS_TIME", "A,B", "C"], result.Ran.Get(cli.CapAdd));
    }

    [Fact]
    public async Task Map_CollectsKeyValuePairs()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "a=b=c", "--sysctl", "bare", "busybox");
        var map = result.Ran.Get(cli.Sysctl);
        Assert.Equal("1", map["net.ipv4.ip_forward"]);
        Assert.Equal("b=c", map["a"]);
        Assert.Equal("", map["bare"]);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("-3", -3)]
    [InlineData("0x10", 16)]
    [InlineData("010", 8)]
    [InlineData("1_000", 1000)]
    public async Task Int_ParsesLikeGoBaseZero(string text, int expected)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("ps", "-n", text);
        Assert.Equal(expected, result.Ran.Get(cli.Last));
    }

    [Fact]
    public async Task Long_HoldsSixtyFourBits()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "--memory-swap", "-1", "--memory-swap=8589934592", "busybox");
        Assert.Equal(8589934592L, result.Ran.Get(cli.Memory));
    }

    [Fact]
    public async Task DoubleDash_EndsFlags()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "-a", "--", "-q");
        Assert.False(result.Ran.Get(cli.Quiet));
        Assert.Equal(["-q"], result.Ran.Arguments);
    }

    [Fact]
    public async Task LoneDash_IsAPositional()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "-");
        Assert.Equal(["-"], result.Ran.Arguments);
    }

    [Fact]
    public async Task FlagValue_MayStartWithADash()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "--format", "-q");
        Assert.Equal("-q", result.Ran.Get(cli.Format));
        Assert.False(result.Ran.Get(cli.Quiet));
    }

    [Fact]
    public async Task Interspersed_FlagsMayFollowPositionals()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "-a", "busybox", "-q");
        Assert.True(result.Ran.Get(cli.All));
        Assert.True(result.Ran.Get(cli.Quiet));
        Assert.Equal(["busybox"], result.Ran.Arguments);
    }

    [Fact]
    public async Task NotInterspersed_EverythingAfterTheFirstPositionalBelongsToTheContainer()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "-d", "-e", "A=1", "busybox", "sh", "-c", "echo -d", "--", "-e", "--help");
        Assert.True(result.Ran.Get(cli.Detach));
        Assert.Equal(["A=1"], result.Ran.Get(cli.Env));
        Assert.Equal(["busybox", "sh", "-c", "echo -d", "--", "-e", "--help"], result.Ran.Arguments);
    }

    [Fact]
    public async Task NotInterspersed_DoubleDashBeforeTheImageIsDropped()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "--", "-weird", "x");
        Assert.Equal(["-weird", "x"], result.Ran.Arguments);
    }

    [Fact]
    public async Task CommandShorthand_WinsOverTheHelpShorthand()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "-h", "web", "busybox");
        Assert.Equal("web", result.Ran.Get(cli.Hostname));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task HiddenFlag_IsStillParsed()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "--secret");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Ran.Command.Options, o => o.Name == "secret" && result.Ran.IsSet(o));
    }
}
