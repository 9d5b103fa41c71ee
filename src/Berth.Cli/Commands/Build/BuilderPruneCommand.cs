using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Build;

/// <summary><c>berth builder prune</c>: asks first unless <c>-f</c>, then prints the space reclaimed as docker does.</summary>
internal static class BuilderPruneCommand
{
    private const string Warning = "WARNING! This will remove all dangling build cache.";
    private const string AllWarning = "WARNING! This will remove all build cache.";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("prune", "Remove build cache") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var all = command.Options.AddBool("all", 'a', "Remove all unused build cache, not just dangling ones");
        var force = command.Options.AddBool("force", 'f', "Do not prompt for confirmation");
        command.SetHandler(async (context, ct) =>
        {
            if (!context.Get(force) && !Confirm.Ask(context, context.Get(all) ? AllWarning : Warning)) return 0;
            using var engine = globals.OpenEngine(context);
            var removed = await engine.Builds.PruneAsync(context.Get(all), ct);
            context.Out.WriteLine($"Total:\t{HumanSize.Format(removed.Reclaimable)}");
            return 0;
        });
        return command;
    }
}
