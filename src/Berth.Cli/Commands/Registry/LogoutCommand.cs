using Berth.CommandLine;

namespace Berth.Cli.Commands.Registry;

/// <summary><c>berth logout [SERVER]</c>.</summary>
internal static class LogoutCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("logout", "Log out from a registry")
        {
            Usage = "[SERVER]",
            Args = ArgRule.AtMost(1),
            LongDescription = "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.",
        };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var (server, removed) = await engine.Registry.LogoutAsync(context.Arguments.Count > 0 ? context.Arguments[0] : null, ct);
            context.Out.WriteLine(removed ? $"Removing login credentials for {server}" : $"Not logged in to {server}");
            return 0;
        });
        return command;
    }
}
