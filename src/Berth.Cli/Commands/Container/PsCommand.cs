using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Containers;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth ps</c> / <c>berth container ls</c>.</summary>
internal static class PsCommand
{
    private const string SizeFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("ls", "List containers") { Usage = "[OPTIONS]", Args = ArgRule.None };
        command.Aliases.Add("ps");
        command.Aliases.Add("list");
        var all = command.Options.AddBool("all", 'a', "Show all containers (default shows just running)");
        var filters = command.Options.AddList("filter", 'f', "Filter output based on conditions provided", valueName: "filter");
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var last = command.Options.AddInt("last", 'n', "Show n last created containers (includes all states)", defaultValue: -1, valueName: "int");
        var latest = command.Options.AddBool("latest", 'l', "Show the latest created container (includes all states)");
        var noTrunc = command.Options.AddBool("no-trunc", null, "Don't truncate output");
        var quiet = command.Options.AddBool("quiet", 'q', "Only display container IDs");
        var size = command.Options.AddBool("size", 's', "Display total file sizes");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var custom = context.Get(format);
            var showSize = context.Get(size) || custom.Contains(".Size", StringComparison.Ordinal);
            var containers = await engine.Containers.ListAsync(new ContainerListOptions
            {
                All = context.Get(all),
                Last = context.Get(latest) ? 1 : context.Get(last),
                Size = showSize,
                Filters = FilterArguments.Parse(context.Get(filters)),
            }, ct);
            var now = DateTimeOffset.UtcNow;
            var rows = containers.Select(c => ContainerRow.Of(c, !context.Get(noTrunc), now)).ToList();
            var defaultFormat = context.Get(size) ? SizeFormat : ContainerRow.DefaultFormat;
            var template = context.Get(quiet) ? "{{.ID}}" : custom.Length > 0 ? custom : defaultFormat;
            OutputFormat.Write(context.Out, template, rows, ContainerRow.Headers, defaultFormat);
            return 0;
        });
        return command;
    }
}
