using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network prune</c>: asks first unless <c>-f</c>, then lists what went, as docker does.</summary>
internal static class PruneCommand
{
    private const string Warning = "WARNING! This will remove all custom networks not used by at least one container.";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("prune", "Remove all unused networks") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var filters = command.Options.AddList("filter", null, "Provide filter values (e.g. \"until=<timestamp>\")", valueName: "filter");
        var force = command.Options.AddBool("force", 'f', "Do not prompt for confirmation");
        command.SetHandler(async (context, ct) =>
        {
            if (!context.Get(force) && !Confirm.Ask(context, Warning)) return 0;
            using var engine = globals.OpenEngine(context);
            var report = await engine.Networks.PruneAsync(FilterArguments.Parse(context.Get(filters)), ct);
            if (report.NetworksDeleted.Count > 0)
            {
                context.Out.WriteLine("Deleted Networks:");
                foreach (var name in report.NetworksDeleted) context.Out.WriteLine(name);
            }
            return 0;
        });
        return command;
    }
}
