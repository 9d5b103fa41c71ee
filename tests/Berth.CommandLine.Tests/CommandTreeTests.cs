namespace Berth.CommandLine.Tests;

public sealed class CommandTreeTests
{
    [Theory]
    [InlineData("berth images", "images")]
    [InlineData("berth image ls", "image", "ls")]
    [InlineData("berth image ls", "image", "list")]
    public async Task AliasesAndGroupPaths_RunTheSameHandler(string path, params string[] args)
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Same(cli.ImageLs, result.Ran.Command);
        Assert.Equal(path, result.Ran.CommandPath);
    }

    [Fact]
    public async Task CalledAs_IsTheInvokedName()
    {
        var cli = new SampleCli();
        Assert.Equal("images", (await cli.InvokeAsync("images")).Ran.CalledAs);
        Assert.Equal("ls", (await cli.InvokeAsync("image", "list")).Ran.CalledAs);
    }

    [Fact]
    public async Task Rmi_IsImageRm()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("rmi", "-f", "busybox");
        Assert.True(result.Ran.Get(cli.Force));
        Assert.Equal(["busybox"], result.Ran.Arguments);
        Assert.Equal("berth rmi", result.Ran.CommandPath);
    }

    [Fact]
    public async Task GlobalFlags_BeforeTheSubcommand_AreSeenByTheHandler()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("--root", "/x", "-D", "image", "ls", "-q");
        Assert.Equal("/x", result.Ran.Get(cli.RootDir));
        Assert.True(result.Ran.Get(cli.Debug));
        Assert.True(result.Ran.Get(cli.Quiet));
    }

    [Fact]
    public async Task GlobalFlags_Equals_AndShorthandGroups()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("--root=/y", "images");
        Assert.Equal("/y", result.Ran.Get(cli.RootDir));
        Assert.True(result.Ran.IsSet(cli.RootDir));
    }

    [Fact]
    public async Task Root_WithoutArguments_RunsTheRootHandler()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("-v");
        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Ran.Get(cli.Version));
        Assert.Empty(result.Ran.Arguments);
    }

    [Fact]
    public async Task Root_WithoutHandler_PrintsHelpToStderrAndExitsZero()
    {
        var root = new CliRoot("berth", "A runtime");
        root.AddGroup("image", "Manage images").Add(new CliCommand("ls", "List images"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await root.InvokeAsync([], stdout, stderr));
        Assert.Equal("", stdout.ToString());
        Assert.StartsWith("Usage:  berth COMMAND\n\nA runtime\n", stderr.ToString());
    }

    [Fact]
    public async Task UnknownCommand()
    {
        var result = await new SampleCli().InvokeAsync("--debug", "foo", "bar");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal("berth: unknown command: berth foo\n\nRun 'berth --help' for more information\n", result.Err);
        Assert.Null(result.Context);
    }

    [Fact]
    public async Task UnknownSubcommand()
    {
        var result = await new SampleCli().InvokeAsync("image", "foo");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal(
            "berth: unknown command: berth image foo\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n",
            result.Err);
    }

    [Fact]
    public async Task UnknownCommand_WithHelp_PrintsTheParentsHelp()
    {
        var result = await new SampleCli().InvokeAsync("image", "foo", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage:  berth image COMMAND\n", result.Out);
    }

    [Fact]
    public async Task UnknownCommand_WithABadFlag_ReportsTheFlag()
    {
        var result = await new SampleCli().InvokeAsync("foo", "--bar");
        Assert.Equal(125, result.ExitCode);
        Assert.StartsWith("unknown flag: --bar\n\nUsage:  berth [OPTIONS] COMMAND [ARG...]", result.Err);
    }

    [Fact]
    public async Task Group_WithoutSubcommand_PrintsItsHelpToStderrAndExitsZero()
    {
        var result = await new SampleCli().InvokeAsync("image");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("Usage:  berth image COMMAND\n\nManage images\n", result.Err);
    }

    [Theory]
    [InlineData("--help", "images")]
    [InlineData("images", "--help")]
    [InlineData("images", "-h")]
    [InlineData("image", "--help", "ls")]
    [InlineData("images", "busybox", "extra", "--help")]
    public async Task Help_AnywhereBeforeTheFlagsEnd_PrintsTheCommandsHelpToStdout(params string[] args)
    {
        var result = await new SampleCli().InvokeAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Null(result.Context);
        Assert.StartsWith("Usage:  berth ima", result.Out);
    }

    [Fact]
    public async Task Help_AfterDoubleDash_IsAnArgument()
    {
        var result = await new SampleCli().InvokeAsync("images", "--", "--help");
        Assert.Equal(["--help"], result.Ran.Arguments);
    }

    [Fact]
    public async Task Help_AfterTheImageOfRun_BelongsToTheContainer()
    {
        var result = await new SampleCli().InvokeAsync("run", "busybox", "--help");
        Assert.Equal(["busybox", "--help"], result.Ran.Arguments);
    }

    [Fact]
    public async Task HiddenCommand_StillRuns()
    {
        var result = await new SampleCli().InvokeAsync("image", "secret");
        Assert.Equal("secret", result.Ran.Command.Name);
    }

    [Fact]
    public async Task HandlerExitCode_IsReturned()
    {
        var cli = new SampleCli { HandlerExitCode = 3 };
        Assert.Equal(3, (await cli.InvokeAsync("images")).ExitCode);
    }

    [Fact]
    public async Task Tree_CanBeInvokedRepeatedlyWithoutCarryingValues()
    {
        var cli = new SampleCli();
        await cli.InvokeAsync("images", "-a", "-f", "x=1");
        var second = await cli.InvokeAsync("images");
        Assert.False(second.Ran.Get(cli.All));
        Assert.Empty(second.Ran.Get(cli.Filter));
    }

    [Fact]
    public void DuplicateDefinitions_Throw()
    {
        var cmd = new CliCommand("x", "X");
        cmd.Options.AddBool("all", 'a', "All");
        Assert.Throws<InvalidOperationException>(() => cmd.Options.AddString("all", null, "Again"));
        Assert.Throws<InvalidOperationException>(() => cmd.Options.AddString("any", 'a', "Again"));

        var root = new CliRoot("berth", "B");
        CliCommand image = root.AddGroup("image", "Images");
        var ls = new CliCommand("ls", "List");
        ls.Aliases.Add("list");
        image.Add(ls);
        Assert.Throws<InvalidOperationException>(() => image.Add(new CliCommand("list", "Clash")));
        Assert.Throws<InvalidOperationException>(() => root.AddGroup("image", "Again"));
        Assert.Throws<InvalidOperationException>(() => root.AddCommand(ls));
    }
}
