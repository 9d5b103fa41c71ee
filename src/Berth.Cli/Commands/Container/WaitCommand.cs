using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth wait</c>: prints each container's exit code once it stops.</summary>
internal static class WaitCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("wait", "Block until one or more containers stop, then print their exit codes") { Usage = "CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            return await EachContainer.RunAsync(context, async name => context.Out.WriteLine(await engine.Containers.WaitAsync(name, ct)), echo: false);
        });
        return command;
    }
}
