using Berth.CommandLine;
using Berth.Engine.Models;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network connect</c>: attaches a container (running or not) to a network.</summary>
internal static class ConnectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("connect", "Connect a container to a network") { Usage = "[OPTIONS] NETWORK CONTAINER", Args = ArgRule.Exactly(2) };
        var alias = command.Options.AddList("alias", null, "Add network-scoped alias for the container", valueName: "strings");
        var ip = command.Options.AddString("ip", null, "IPv4 address (e.g., \"172.30.100.104\")", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            await engine.Networks.ConnectAsync(context.Arguments[0], context.Arguments[1], new EndpointSettings
            {
                IPv4Address = context.Get(ip) is { Length: > 0 } address ? address : null,
                Aliases = context.Get(alias),
            }, ct);
            return 0;
        });
        return command;
    }
}
