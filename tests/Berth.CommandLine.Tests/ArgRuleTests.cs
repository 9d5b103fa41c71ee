namespace Berth.CommandLine.Tests;

/// <summary>docker/cli's cli/required.go messages (docker 28+), exit 125.</summary>
public sealed class ArgRuleTests
{
    [Fact]
    public async Task AtMost()
    {
        var result = await new SampleCli().InvokeAsync("images", "a", "b");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "berth: 'berth images' requires at most 1 argument\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\n" +
            "Run 'berth images --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task Exactly()
    {
        var result = await new SampleCli().InvokeAsync("tag", "a");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "berth: 'berth tag' requires 2 arguments\n\nUsage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\n" +
            "Run 'berth tag --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task AtLeast_SaysSeeAsDockerDoes()
    {
        var result = await new SampleCli().InvokeAsync("image", "rm");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "berth: 'berth image rm' requires at least 1 argument\n\nUsage:  berth image rm [OPTIONS] IMAGE [IMAGE...]\n\n" +
            "See 'berth image rm --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task Between()
    {
        var result = await new SampleCli().InvokeAsync("cp", "a");
        Assert.Equal(
            "berth: 'berth cp' requires at least 2 and at most 3 arguments\n\nUsage:  berth cp CONTAINER:SRC_PATH DEST_PATH\n\n" +
            "Run 'berth cp --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task None()
    {
        var result = await new SampleCli().InvokeAsync("container", "ps", "x");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "berth: 'berth container ls' accepts no arguments\n\nUsage:  berth container ls [OPTIONS]\n\n" +
            "Run 'berth container ls --help' for more information\n",
            result.Err);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void AtMost_Bounds(int count, bool ok) =>
        Assert.Equal(ok, ArgRule.AtMost(1).Check(count, "b", "b x", "b x") is null);

    [Fact]
    public async Task Help_BeatsTheArgumentCount()
    {
        var result = await new SampleCli().InvokeAsync("tag", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n", result.Out);
    }

    [Fact]
    public void InvalidRange_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => ArgRule.Between(3, 2));
}
