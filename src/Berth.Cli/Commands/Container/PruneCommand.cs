using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth container prune</c>: removes all stopped containers after docker's confirmation prompt.</summary>
internal static class PruneCommand
{
    private const string Warning = "WARNING! This will remove all stopped containers.";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("prune", "Remove all stopped containers") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var filters = command.Options.AddList("filter", null, "Provide filter values (e.g. \"until=<timestamp>\")", valueName: "filter");
        var force = command.Options.AddBool("force", 'f', "Do not prompt for confirmation");
        command.SetHandler(async (context, ct) =>
        {
            if (!context.Get(force) && !Confirm.Ask(context, Warning)) return 0;
            using var engine = globals.OpenEngine(context);
            var report = await engine.Containers.PruneAsync(FilterArguments.Parse(context.Get(filters)), ct);
            if (report.ContainersDeleted.Count > 0)
            {
                context.Out.WriteLine("Deleted Containers:");
                foreach (var id in report.ContainersDeleted) context.Out.WriteLine(id);
                context.Out.WriteLine();
            }
            context.Out.WriteLine($"Total reclaimed space: {HumanSize.Format(report.SpaceReclaimed)}");
            return 0;
        });
        return command;
    }
}
