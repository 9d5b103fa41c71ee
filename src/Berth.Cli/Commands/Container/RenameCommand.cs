using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth rename</c>.</summary>
internal static class RenameCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("rename", "Rename a container") { Usage = "CONTAINER NEW_NAME", Args = ArgRule.Exactly(2) };
        command.SetHandler((context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            engine.Containers.Rename(context.Arguments[0], context.Arguments[1]);
            return Task.FromResult(0);
        });
        return command;
    }
}
