namespace Berth.CommandLine.Tests;

/// <summary>pflag's error texts wrapped by docker/cli's FlagErrorFunc (docker 28+), all exiting 125.</summary>
public sealed class FlagErrorTests
{
    private const string ImagesTail =
        "\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth images --help' for more information\n";

    [Theory]
    [InlineData("unknown flag: --foo", "--foo")]
    [InlineData("unknown flag: --foo", "--foo=bar")]
    [InlineData("unknown flag: --foo", "busybox", "--foo")]
    [InlineData("unknown shorthand flag: 'x' in -x", "-x")]
    [InlineData("unknown shorthand flag: 'x' in -x", "-aqx")]
    [InlineData("unknown shorthand flag: 'x' in -xa", "-axa")]
    [InlineData("flag needs an argument: --format", "--format")]
    [InlineData("flag needs an argument: 'f' in -f", "-f")]
    [InlineData("flag needs an argument: 'f' in -f", "-aqf")]
    [InlineData("bad flag syntax: ---all", "---all")]
    [InlineData("bad flag syntax: --=x", "--=x")]
    [InlineData("invalid argument \"yes\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax", "--all=yes")]
    [InlineData("unknown shorthand flag: '=' in -=", "-a=")] // pflag reads "-a=" as -a then -=
    [InlineData("invalid argument \"\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"\": invalid syntax", "--all=")]
    public async Task Images_FlagErrors(string message, params string[] args)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync(["images", .. args]);
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(message + ImagesTail, result.Err);
        Assert.Equal("", result.Out);
        Assert.Null(result.Context);
    }

    [Fact]
    public async Task Int_InvalidSyntax()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("ps", "-n", "abc");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "invalid argument \"abc\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\n" +
            "Usage:  berth ps [OPTIONS]\n\nRun 'berth ps --help' for more information\n",
            result.Err);
    }

    [Theory]
    [InlineData("99999999999", "value out of range")]
    [InlineData("1__0", "invalid syntax")]
    [InlineData("0x", "invalid syntax")]
    [InlineData("", "invalid syntax")]
    public async Task Int_RejectsWhatGoRejects(string text, string reason)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("container", "ls", "--last=" + text);
        Assert.StartsWith(
            $"invalid argument \"{text}\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"{text}\": {reason}\n\nUsage:  berth container ls [OPTIONS]",
            result.Err);
    }

    [Fact]
    public async Task InvalidArgument_QuotesLikeGo()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("ps", "-n", "a\"b\t");
        Assert.StartsWith("invalid argument \"a\\\"b\\t\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"a\\\"b\\t\": invalid syntax", result.Err);
    }

    [Fact]
    public async Task FlagWithoutShorthand_IsNamedByItsLongNameOnly()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "--memory-swap", "lots", "busybox");
        Assert.StartsWith("invalid argument \"lots\" for \"--memory-swap\" flag: strconv.ParseInt", result.Err);
    }

    [Fact]
    public async Task StringSlice_BadCsv()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("run", "--cap-add", "a\"b", "busybox");
        Assert.StartsWith("invalid argument \"a\\\"b\" for \"--cap-add\" flag: parse error on line 1, column 2: bare \" in non-quoted-field", result.Err);
    }

    [Fact]
    public async Task GlobalFlag_Unknown_UsesTheRootUsage()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("--foo", "images");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "unknown flag: --foo\n\nUsage:  berth [OPTIONS] COMMAND [ARG...]\n\nRun 'berth --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task GlobalFlag_AfterTheSubcommand_IsUnknownThere()
    {
        // docker installs its global flags on the root only: `docker images --debug` is an unknown flag.
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "--root", "/x");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal("unknown flag: --root" + ImagesTail, result.Err);
    }

    [Fact]
    public async Task GroupFlag_Unknown_UsesTheGroupUsage()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("image", "--foo", "ls");
        Assert.Equal(
            "unknown flag: --foo\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task FlagError_WinsOverHelp()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("images", "--help", "--foo");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal("unknown flag: --foo" + ImagesTail, result.Err);
    }

    [Fact]
    public async Task Handler_CanReportAUsageError()
    {
        var cli = new SampleCli();
        cli.ImageLs.SetHandler((ctx, ct) => Task.FromResult(ctx.UsageError("conflicting options: --quiet and --format")));
        var result = await cli.InvokeAsync("image", "list", "-q");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "conflicting options: --quiet and --format\n\nUsage:  berth image ls [OPTIONS] [REPOSITORY[:TAG]]\n\n" +
            "Run 'berth image ls --help' for more information\n",
            result.Err);
    }
}
