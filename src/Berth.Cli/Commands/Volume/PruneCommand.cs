using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Volume;

/// <summary><c>berth volume prune</c>: asks first unless <c>-f</c>, then prints docker's report.</summary>
internal static class PruneCommand
{
    private const string AnonymousWarning = "WARNING! This will remove anonymous local volumes not used by at least one container.";
    private const string AllWarning = "WARNING! This will remove all local volumes not used by at least one container.";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("prune", "Remove unused local volumes") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var all = command.Options.AddBool("all", 'a', "Remove all unused volumes, not just anonymous ones");
        var filters = command.Options.AddList("filter", null, "Provide filter values (e.g. \"label=<label>\")", valueName: "filter");
        var force = command.Options.AddBool("force", 'f', "Do not prompt for confirmation");
        command.SetHandler(async (context, ct) =>
        {
            var parsed = FilterArguments.Parse(context.Get(filters));
            if (context.Get(all) && parsed.Any(f => f.Key == "all"))
                throw BerthException.Invalid("conflicting options: cannot specify both --all and --filter all=1");
            if (!context.Get(force) && !Confirm.Ask(context, context.Get(all) ? AllWarning : AnonymousWarning))
                return 0;
            using var engine = globals.OpenEngine(context);
            var report = await engine.Volumes.PruneAsync(parsed, context.Get(all), ct);
            if (report.VolumesDeleted.Count > 0)
            {
                context.Out.WriteLine("Deleted Volumes:");
                foreach (var name in report.VolumesDeleted) context.Out.WriteLine(name);
                context.Out.WriteLine();
            }
            context.Out.WriteLine($"Total reclaimed space: {HumanSize.Format(report.SpaceReclaimed)}");
            return 0;
        });
        return command;
    }
}
