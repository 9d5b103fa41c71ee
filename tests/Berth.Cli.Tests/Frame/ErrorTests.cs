using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Frame;

/// <summary>Usage errors exit 125 with docker's wording, on stderr only.</summary>
public sealed class ErrorTests
{
    private readonly BerthRunner _berth = new(RepoPaths.Binary, null, null);

    [Fact]
    public void UnknownGlobalFlag_Exits125()
    {
        var r = _berth.Run("--bogus");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("unknown flag: --bogus\n", r.Stderr);
        Assert.Contains("Run 'berth --help' for more information", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void UnknownCommandFlag_Exits125()
    {
        var r = _berth.Run("images", "--bogus");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("unknown flag: --bogus\n", r.Stderr);
        Assert.Contains("Usage:  berth images [OPTIONS] [REPOSITORY[:TAG]]", r.Stderr);
        Assert.Contains("'berth images --help' for more information", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void UnknownCommand_Exits125()
    {
        var r = _berth.Run("frobnicate");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("berth: unknown command: berth frobnicate\n", r.Stderr);
        Assert.Contains("Run 'berth --help' for more information", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [InlineData("tag", "a")]
    [InlineData("tag", "a", "b", "c")]
    [InlineData("rmi")]
    [InlineData("history")]
    [InlineData("image", "inspect")]
    [InlineData("images", "a", "b")]
    [InlineData("import")]
    public void WrongArgumentCount_Exits125(params string[] args)
    {
        var r = _berth.Run(args);
        Assert.True(r.ExitCode == 125, r.ToString());
        var verb = args[^1] == "inspect" ? "image inspect" : args[0];
        var first = r.Stderr.Split('\n')[0];
        Assert.Matches($"^berth: 'berth {verb}' (requires|accepts) .*argument", first);
        Assert.Contains($"Usage:  berth {verb} ", r.Stderr);
        Assert.Contains($"'berth {verb} --help' for more information", r.Stderr);
        Assert.Equal("", r.Stdout);
    }
}
