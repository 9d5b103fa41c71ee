namespace Berth.CommandLine.Tests;

/// <summary>
/// Approved help texts. The layout is docker/cli's usage template (docker 28+: no leading blank line, two
/// spaces after "Usage:", flags wrapped at 79 columns when not on a terminal); the expected texts were worked
/// out from that template and pflag's FlagUsagesWrapped, and <see cref="DockerGoldenTests"/> checks the same
/// renderer against help text copied from docker/cli's own golden files.
/// </summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Images()
    {
        var result = await new SampleCli().InvokeAsync("images", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Equal(
            """
            Usage:  berth images [OPTIONS] [REPOSITORY[:TAG]]

            List images

            Aliases:
              berth image ls, berth image list, berth images

            Options:
              -a, --all             Show all images (default hides intermediate images)
                  --digests         Show digests
              -f, --filter filter   Filter output based on conditions provided
                  --format string   Format output using a custom template:
                                    'table':            Print output in table format
                                    with column headers (default)
                                    'table TEMPLATE':   Print output in table format
                                    using the given Go template
                                    'json':             Print in JSON format
                                    'TEMPLATE':         Print output using the given
                                    Go template.
                                    Refer to https://docs.docker.com/go/formatting/
                                    for more information about formatting output with
                                    templates
                  --no-trunc        Don't truncate output
              -q, --quiet           Only show image IDs
                  --tree            List multi-platform images as a tree (EXPERIMENTAL)

            """,
            result.Out);
    }

    [Fact]
    public async Task Images_ByGroupPath_ShowsThatPath()
    {
        var result = await new SampleCli().InvokeAsync("image", "ls", "-h");
        Assert.StartsWith("Usage:  berth image ls [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nAliases:\n  berth image ls, berth image list, berth images\n", result.Out);
    }

    [Fact]
    public async Task Root()
    {
        var result = await new SampleCli().InvokeAsync("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            Usage:  berth [OPTIONS] COMMAND

            A self-sufficient runtime for containers

            Common Commands:
              run         Create and run a new container from an image
              ps          List containers
              images      List images
              version     Show the Berth version information

            Management Commands:
              container   Manage containers
              image       Manage images

            Commands:
              cp          Copy files/folders
              rmi         Remove one or more images
              tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

            Global Options:
              -D, --debug         Enable debug mode
                  --root string   Root directory of persistent state (default
                                  "/var/lib/berth")
              -v, --version       Print version information and quit

            Run 'berth COMMAND --help' for more information on a command.

            For more help on how to use Berth, read the README

            """,
            result.Out);
    }

    [Fact]
    public async Task Group()
    {
        var result = await new SampleCli().InvokeAsync("image", "--help");
        Assert.Equal(
            """
            Usage:  berth image COMMAND

            Manage images

            Commands:
              ls          List images
              rm          Remove one or more images
              tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

            Run 'berth image COMMAND --help' for more information on a command.

            """,
            result.Out);
    }

    [Fact]
    public async Task IntDefault_WrapsOntoItsOwnLine()
    {
        var result = await new SampleCli().InvokeAsync("ps", "--help");
        Assert.Equal(
            """
            Usage:  berth ps [OPTIONS]

            List containers

            Aliases:
              berth container ls, berth container list, berth container ps, berth ps

            Options:
              -n, --last int   Show n last created containers (includes all states)
                               (default -1)

            """,
            result.Out);
    }

    [Fact]
    public async Task Run_ShowsTypeWordsAndTheMapDefault()
    {
        var result = await new SampleCli().InvokeAsync("run", "--help");
        Assert.Equal(
            """
            Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]

            Create and run a new container from an image

            Aliases:
              berth container run, berth run

            Options:
                  --cap-add strings   Add Linux capabilities
              -d, --detach            Run container in background and print container ID
              -e, --env list          Set environment variables
              -h, --hostname string   Container host name
                  --memory-swap int   Swap limit
                  --sysctl map        Sysctl options (default map[])

            """,
            result.Out);
    }

    [Fact]
    public async Task Command_WithoutOptions_HasNoOptionsSection()
    {
        var root = new CliRoot("berth", "B");
        var cmd = root.AddCommand(new CliCommand("info", "Display system-wide information") { Example = "$ berth info" });
        using var stdout = new StringWriter();
        await root.InvokeAsync(["info", "--help"], stdout, TextWriter.Null);
        Assert.Equal("Usage:  berth info\n\nDisplay system-wide information\n\nExamples:\n$ berth info\n", stdout.ToString());
    }

    [Fact]
    public async Task ContextWriteHelp_RendersTheRunningCommand()
    {
        var cli = new SampleCli();
        var result = await cli.InvokeAsync("tag", "a", "b");
        using var help = new StringWriter();
        result.Ran.WriteHelp(help);
        Assert.Equal(
            "Usage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\n" +
            "Aliases:\n  berth image tag, berth tag\n",
            help.ToString());
    }

    [Fact]
    public async Task HelpWidth_ChangesTheWrapColumn()
    {
        var cli = new SampleCli();
        cli.Root.HelpWidth = 200;
        var result = await cli.InvokeAsync("ps", "--help");
        Assert.Contains("  -n, --last int   Show n last created containers (includes all states) (default -1)\n", result.Out);
    }
}
