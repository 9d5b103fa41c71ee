using Berth.CommandLine;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network disconnect</c>: detaches a container from a network.</summary>
internal static class DisconnectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("disconnect", "Disconnect a container from a network") { Usage = "[OPTIONS] NETWORK CONTAINER", Args = ArgRule.Exactly(2) };
        // Accepted for docker compatibility: a disconnect here never waits on anything it could force.
        command.Options.AddBool("force", 'f', "Force the container to disconnect from a network");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            await engine.Networks.DisconnectAsync(context.Arguments[0], context.Arguments[1], ct);
            return 0;
        });
        return command;
    }
}
