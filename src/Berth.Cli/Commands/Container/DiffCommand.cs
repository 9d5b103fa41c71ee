using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth diff</c>: "A", "C" and "D" lines for the container's filesystem changes, as docker prints them.</summary>
internal static class DiffCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("diff", "Inspect changes to files or directories on a container's filesystem")
        {
            Usage = "CONTAINER",
            Args = ArgRule.Exactly(1),
        };
        command.SetHandler((context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            foreach (var change in engine.Containers.Changes(context.Arguments[0])) context.Out.WriteLine(change.ToString());
            return Task.FromResult(0);
        });
        return command;
    }
}
