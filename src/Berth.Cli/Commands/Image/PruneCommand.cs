using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth image prune</c>: asks first unless <c>-f</c>, then prints docker's report.</summary>
internal static class PruneCommand
{
    private const string DanglingWarning = "WARNING! This will remove all dangling images.";
    private const string AllWarning = "WARNING! This will remove all images without at least one container associated to them.";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("prune", "Remove unused images") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var all = command.Options.AddBool("all", 'a', "Remove all unused images, not just dangling ones");
        var filters = command.Options.AddList("filter", null, "Provide filter values (e.g. \"until=<timestamp>\")", valueName: "filter");
        var force = command.Options.AddBool("force", 'f', "Do not prompt for confirmation");
        command.SetHandler(async (context, ct) =>
        {
            if (!context.Get(force) && !Confirm.Ask(context, context.Get(all) ? AllWarning : DanglingWarning))
                return 0;
            using var engine = globals.OpenEngine(context);
            var report = await engine.Images.PruneAsync(context.Get(all), FilterArguments.Parse(context.Get(filters)), ct);
            if (report.ImagesDeleted.Count > 0)
            {
                context.Out.WriteLine("Deleted Images:");
                foreach (var item in report.ImagesDeleted)
                    context.Out.WriteLine(item.Untagged is { } untagged ? $"untagged: {untagged}" : $"deleted: {item.Deleted}");
                context.Out.WriteLine();
            }
            context.Out.WriteLine($"Total reclaimed space: {HumanSize.Format(report.SpaceReclaimed)}");
            return 0;
        });
        return command;
    }
}
