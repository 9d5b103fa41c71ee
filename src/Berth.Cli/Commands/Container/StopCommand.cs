using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth stop</c>: the stop signal, then SIGKILL after the timeout.</summary>
internal static class StopCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("stop", "Stop one or more running containers") { Usage = "[OPTIONS] CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        var signal = command.Options.AddString("signal", 's', "Signal to send to the container", valueName: "string");
        var timeout = command.Options.AddInt("timeout", 't', "Seconds to wait before killing the container", valueName: "int");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            int? seconds = context.IsSet(timeout) ? context.Get(timeout) : null;
            var sig = context.Get(signal) is { Length: > 0 } s ? s : null;
            return await EachContainer.RunAsync(context, name => engine.Containers.StopAsync(name, seconds, sig, ct));
        });
        return command;
    }
}
