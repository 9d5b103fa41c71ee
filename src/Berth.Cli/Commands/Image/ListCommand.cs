using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Images;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth image ls</c> / <c>berth images</c>.</summary>
internal static class ListCommand
{
    private const string DefaultFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    private const string DigestsFormat = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("ls", "List images") { Usage = "[OPTIONS] [REPOSITORY[:TAG]]", Args = ArgRule.AtMost(1) };
        command.Aliases.Add("list");
        var all = command.Options.AddBool("all", 'a', "Show all images (default hides intermediate images)");
        var digests = command.Options.AddBool("digests", null, "Show digests");
        var filters = command.Options.AddList("filter", 'f', "Filter output based on conditions provided", valueName: "filter");
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var noTrunc = command.Options.AddBool("no-trunc", null, "Don't truncate output");
        var quiet = command.Options.AddBool("quiet", 'q', "Only show image IDs");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var images = await engine.Images.ListAsync(new ImageListOptions
            {
                All = context.Get(all),
                Filters = FilterArguments.Parse(context.Get(filters)),
                Reference = context.Arguments.Count > 0 ? context.Arguments[0] : null,
            }, ct);
            var now = DateTimeOffset.UtcNow;
            var showDigests = context.Get(digests);
            var rows = images.SelectMany(i => ImageRow.Expand(i, showDigests, !context.Get(noTrunc), now)).ToList();
            var template = context.Get(quiet) ? "{{.ID}}"
                : context.Get(format) is { Length: > 0 } custom ? custom
                : showDigests ? DigestsFormat : DefaultFormat;
            OutputFormat.Write(context.Out, template, rows, ImageRow.Headers, showDigests ? DigestsFormat : DefaultFormat);
            return 0;
        });
        return command;
    }
}
