namespace Berth.CommandLine.Tests;

public sealed class CommandNameTests
{
    private static string? NameIn(params string[] args) => new SampleCli().Root.CommandName(args);

    [Theory]
    [InlineData("images", "images")]
    [InlineData("image", "image", "ls", "-a")]
    [InlineData("run", "--root", "/var/lib/x", "run", "--rm", "busybox")]
    [InlineData("run", "--root=/x", "-D", "run")]
    [InlineData("ps", "-Dv", "ps")]
    [InlineData("ps", "--", "ps", "-a")]
    [InlineData("--rm", "--", "--rm")]
    public void TheFirstWordAfterTheGlobalFlags_NamesTheCommand(string expected, params string[] args)
    {
        Assert.Equal(expected, NameIn(args));
    }

    [Theory]
    [InlineData]
    [InlineData("--debug")]
    [InlineData("--root", "/x")]
    [InlineData("--root")]
    [InlineData("--bogus", "run")]
    [InlineData("-x", "run")]
    public void NoWord_OrGlobalFlagsThatDoNotParse_NameNothing(params string[] args)
    {
        Assert.Null(NameIn(args));
    }

    [Fact]
    public async Task FindingTheName_ParsesNothingForTheInvocation()
    {
        var cli = new SampleCli();
        Assert.Equal("images", cli.Root.CommandName(["--root", "/a", "images"]));

        var result = await cli.InvokeAsync("images");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/var/lib/berth", result.Ran.Get(cli.RootDir));
    }
}
