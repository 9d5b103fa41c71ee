using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth unpause</c>: thaws paused containers.</summary>
internal static class UnpauseCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("unpause", "Unpause all processes within one or more containers") { Usage = "CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            return await EachContainer.RunAsync(context, name => engine.Containers.UnpauseAsync(name, ct));
        });
        return command;
    }
}
