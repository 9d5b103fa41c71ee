using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth pause</c>: freezes every process of each container.</summary>
internal static class PauseCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("pause", "Pause all processes within one or more containers") { Usage = "CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            return await EachContainer.RunAsync(context, name => engine.Containers.PauseAsync(name, ct));
        });
        return command;
    }
}
