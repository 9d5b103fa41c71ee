using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth rm</c> / <c>berth container rm</c>.</summary>
internal static class RemoveCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("rm", "Remove one or more containers") { Usage = "[OPTIONS] CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        command.Aliases.Add("remove");
        var force = command.Options.AddBool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
        command.Options.AddBool("link", 'l', "Remove the specified link");
        var volumes = command.Options.AddBool("volumes", 'v', "Remove anonymous volumes associated with the container");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            return await EachContainer.RunAsync(context, name => engine.Containers.RemoveAsync(name, context.Get(force), context.Get(volumes), ct));
        });
        return command;
    }
}
