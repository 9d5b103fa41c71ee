using Berth.CommandLine;
using Berth.Templates;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth top</c>: the container's processes as the host's <c>ps</c> shows them; the arguments after the
/// container are ps's options (<c>-ef</c> by default).
/// </summary>
internal static class TopCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("top", "Display the running processes of a container")
        {
            Usage = "CONTAINER [ps OPTIONS]",
            Args = ArgRule.AtLeast(1),
            Interspersed = false,
        };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var top = await engine.Containers.TopAsync(context.Arguments[0], string.Join(' ', context.Arguments.Skip(1)), ct);
            // docker top's own tabwriter: minimum width 20, padding 3.
            var table = new TabWriter(context.Out, 20, 1, 3, ' ');
            table.WriteLine(string.Join('\t', top.Titles));
            foreach (var process in top.Processes) table.WriteLine(string.Join('\t', process));
            table.Flush();
            return 0;
        });
        return command;
    }
}
