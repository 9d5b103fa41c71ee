using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Volume;

/// <summary><c>berth volume ls</c>: docker's table (driver and name), names only with <c>-q</c>, or <c>--format</c>.</summary>
internal static class ListCommand
{
    private const string DefaultFormat = "table {{.Driver}}\t{{.Name}}";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("ls", "List volumes") { Usage = "[OPTIONS]", Args = ArgRule.None };
        command.Aliases.Add("list");
        var filters = command.Options.AddList("filter", 'f', "Provide filter values (e.g. \"dangling=true\")", valueName: "filter");
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var quiet = command.Options.AddBool("quiet", 'q', "Only display volume names");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var response = await engine.Volumes.ListAsync(FilterArguments.Parse(context.Get(filters)), ct);
            var rows = response.Volumes
                .OrderBy(v => v.Name, Comparer<string>.Create(VolumeRow.CompareNatural))
                .Select(VolumeRow.Of)
                .ToList();
            var template = context.Get(quiet) ? "{{.Name}}"
                : context.Get(format) is { Length: > 0 } custom ? custom
                : DefaultFormat;
            OutputFormat.Write(context.Out, template, rows, VolumeRow.Headers, DefaultFormat);
            foreach (var warning in response.Warnings) context.Err.WriteLine(warning);
            return 0;
        });
        return command;
    }
}
