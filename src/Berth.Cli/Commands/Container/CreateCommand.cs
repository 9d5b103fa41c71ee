using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth create</c> / <c>berth container create</c>: prints the new container's ID.</summary>
internal static class CreateCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("create", "Create a new container")
        {
            Usage = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            Args = ArgRule.AtLeast(1),
            Interspersed = false,
        };
        var flags = new RunFlags(command.Options);
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var id = await RunCommand.CreateContainerAsync(engine, context, flags, detach: true, ct);
            context.Out.WriteLine(id);
            return 0;
        });
        return command;
    }
}
