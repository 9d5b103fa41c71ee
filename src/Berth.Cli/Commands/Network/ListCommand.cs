using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network ls</c>: docker's table (ID, name, driver, scope), IDs only with <c>-q</c>, or <c>--format</c>.</summary>
internal static class ListCommand
{
    private const string DefaultFormat = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("ls", "List networks") { Usage = "[OPTIONS]", Args = ArgRule.None };
        command.Aliases.Add("list");
        var filters = command.Options.AddList("filter", 'f', "Provide filter values (e.g. \"driver=bridge\")", valueName: "filter");
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var noTrunc = command.Options.AddBool("no-trunc", null, "Do not truncate the output");
        var quiet = command.Options.AddBool("quiet", 'q', "Only display network IDs");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var networks = await engine.Networks.ListAsync(FilterArguments.Parse(context.Get(filters)), ct);
            var rows = networks.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => NetworkRow.Of(n, !context.Get(noTrunc))).ToList();
            var template = context.Get(quiet) ? "{{.ID}}"
                : context.Get(format) is { Length: > 0 } custom ? custom
                : DefaultFormat;
            OutputFormat.Write(context.Out, template, rows, NetworkRow.Headers, DefaultFormat);
            return 0;
        });
        return command;
    }
}
