namespace Berth.CommandLine.Tests;

/// <summary>
/// Docker's own help texts rebuilt with this library: the flags and commands are declared as docker/cli
/// declares them and the output must match docker's text byte for byte.
/// </summary>
public sealed class DockerGoldenTests
{
    private static async Task<string> HelpAsync(CliRoot root, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await root.InvokeAsync(args, stdout, stderr));
        Assert.Equal("", stderr.ToString());
        return stdout.ToString();
    }

    // docker/cli e2e/stack/testdata/stack-deploy-help.golden; flags from cli/command/stack/deploy.go.
    [Fact]
    public async Task StackDeploy()
    {
        var root = new CliRoot("docker", "A self-sufficient runtime for containers");
        var deploy = new CliCommand("deploy", "Deploy a new stack or update an existing stack")
        {
            Usage = "[OPTIONS] STACK",
            Args = ArgRule.Exactly(1),
        };
        deploy.Aliases.Add("up");
        deploy.Options.AddStringSlice("compose-file", 'c', "Path to a Compose file, or \"-\" to read from stdin");
        deploy.Options.AddBool("with-registry-auth", null, "Send registry authentication details to Swarm agents");
        deploy.Options.AddBool("prune", null, "Prune services that are no longer referenced");
        deploy.Options.AddString(
            "resolve-image",
            null,
            "Query the registry to resolve image digest and supported platforms (\"always\", \"changed\", \"never\")",
            defaultValue: "always");
        deploy.Options.AddBool("detach", 'd', "Exit immediately instead of waiting for the stack services to converge", defaultValue: true);
        deploy.Options.AddBool("quiet", 'q', "Suppress progress output");
        root.AddGroup("stack", "Manage Swarm stacks").Add(deploy);

        Assert.Equal(
            """
            Usage:  docker stack deploy [OPTIONS] STACK

            Deploy a new stack or update an existing stack

            Aliases:
              docker stack deploy, docker stack up

            Options:
              -c, --compose-file strings   Path to a Compose file, or "-" to read
                                           from stdin
              -d, --detach                 Exit immediately instead of waiting for
                                           the stack services to converge (default true)
                  --prune                  Prune services that are no longer referenced
              -q, --quiet                  Suppress progress output
                  --resolve-image string   Query the registry to resolve image digest
                                           and supported platforms ("always",
                                           "changed", "never") (default "always")
                  --with-registry-auth     Send registry authentication details to
                                           Swarm agents

            """,
            await HelpAsync(root, "stack", "deploy", "--help"));
    }

    // docker/cli e2e/cli-plugins/testdata/docker-help-helloworld.golden: a group with its own flags.
    [Fact]
    public async Task GroupWithOptions()
    {
        var root = new CliRoot("docker", "A self-sufficient runtime for containers");
        CliCommand hello = root.AddGroup("helloworld", "A basic Hello World plugin for tests");
        hello.Options.AddString("context", 'c', "Is it Christmas?");
        hello.Options.AddBool("debug", 'D', "Enable debug");
        hello.Options.AddBool("pre-run", null, "Log from prerun hook");
        hello.Options.AddString("who", null, "Who are we addressing?");
        hello.Add(new CliCommand("goodbye", "Say Goodbye instead of Hello"));
        hello.Add(new CliCommand("apiversion", "Print the API version of the server"));
        hello.Add(new CliCommand("exitstatus2", "Exit with status 2"));

        Assert.Equal(
            """
            Usage:  docker helloworld [OPTIONS] COMMAND

            A basic Hello World plugin for tests

            Options:
              -c, --context string   Is it Christmas?
              -D, --debug            Enable debug
                  --pre-run          Log from prerun hook
                  --who string       Who are we addressing?

            Commands:
              apiversion  Print the API version of the server
              exitstatus2 Exit with status 2
              goodbye     Say Goodbye instead of Hello

            Run 'docker helloworld COMMAND --help' for more information on a command.

            """,
            await HelpAsync(root, "helloworld", "--help"));
    }

    // The "Global Options:" block of `docker --help` (docker 28, HOME=/root), flags from cli/flags/options.go.
    [Fact]
    public async Task RootGlobalOptions()
    {
        var root = new CliRoot("docker", "A self-sufficient runtime for containers");
        CliOptionSet g = root.GlobalOptions;
        g.AddString("config", null, "Location of client config files", defaultValue: "/root/.docker");
        g.AddBool("debug", 'D', "Enable debug mode");
        g.AddString("log-level", 'l', "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")", defaultValue: "info");
        g.AddBool("tls", null, "Use TLS; implied by --tlsverify");
        g.AddBool("tlsverify", null, "Use TLS and verify the remote");
        g.AddString("tlscacert", null, "Trust certs signed only by this CA", defaultValue: "/root/.docker/ca.pem");
        g.AddString("tlscert", null, "Path to TLS certificate file", defaultValue: "/root/.docker/cert.pem");
        g.AddString("tlskey", null, "Path to TLS key file", defaultValue: "/root/.docker/key.pem");
        g.AddList("host", 'H', "Daemon socket to connect to");
        g.AddString("context", 'c', "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with \"docker context use\")");
        g.AddBool("version", 'v', "Print version information and quit");
        root.AddGroup("image", "Manage images").Add(new CliCommand("ls", "List images"));

        string help = await HelpAsync(root, "--help");
        Assert.Contains(
            """

            Global Options:
                  --config string      Location of client config files (default
                                       "/root/.docker")
              -c, --context string     Name of the context to use to connect to the
                                       daemon (overrides DOCKER_HOST env var and
                                       default context set with "docker context use")
              -D, --debug              Enable debug mode
              -H, --host list          Daemon socket to connect to
              -l, --log-level string   Set the logging level ("debug", "info",
                                       "warn", "error", "fatal") (default "info")
                  --tls                Use TLS; implied by --tlsverify
                  --tlscacert string   Trust certs signed only by this CA (default
                                       "/root/.docker/ca.pem")
                  --tlscert string     Path to TLS certificate file (default
                                       "/root/.docker/cert.pem")
                  --tlskey string      Path to TLS key file (default
                                       "/root/.docker/key.pem")
                  --tlsverify          Use TLS and verify the remote
              -v, --version            Print version information and quit

            Run 'docker COMMAND --help' for more information on a command.

            """,
            help);
        Assert.StartsWith("Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nManagement Commands:\n  image       Manage images\n", help);
    }
}
