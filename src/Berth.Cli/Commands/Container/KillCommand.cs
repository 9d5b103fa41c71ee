using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth kill</c>: one signal to each container (SIGKILL by default).</summary>
internal static class KillCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("kill", "Kill one or more running containers") { Usage = "[OPTIONS] CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        var signal = command.Options.AddString("signal", 's', "Signal to send to the container", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            return await EachContainer.RunAsync(context, name => engine.Containers.KillAsync(name, context.Get(signal), ct));
        });
        return command;
    }
}
