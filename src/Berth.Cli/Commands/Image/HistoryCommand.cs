using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth image history</c>: docker's columns, truncation and human sizes.</summary>
internal static class HistoryCommand
{
    private const string DefaultFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    private const int CreatedByWidth = 45;

    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE", ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["CreatedBy"] = "CREATED BY",
        ["Size"] = "SIZE", ["Comment"] = "COMMENT",
    };

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("history", "Show the history of an image") { Usage = "[OPTIONS] IMAGE", Args = ArgRule.Exactly(1) };
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var human = command.Options.AddBool("human", 'H', "Print sizes and dates in human readable format", defaultValue: true);
        var noTrunc = command.Options.AddBool("no-trunc", null, "Don't truncate output");
        var quiet = command.Options.AddBool("quiet", 'q', "Only show image IDs");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var items = await engine.Images.HistoryAsync(context.Arguments[0], ct);
            var now = DateTimeOffset.UtcNow;
            var truncate = !context.Get(noTrunc);
            var rows = items.Select(item =>
            {
                var created = DateTimeOffset.FromUnixTimeSeconds(item.Created);
                var createdBy = item.CreatedBy.Replace("\t", " ", StringComparison.Ordinal);
                if (truncate && createdBy.Length > CreatedByWidth) createdBy = createdBy[..(CreatedByWidth - 1)] + "…";
                return new JsonObject
                {
                    ["Comment"] = item.Comment,
                    ["CreatedAt"] = context.Get(human) ? created.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) : created.ToString("O", CultureInfo.InvariantCulture),
                    ["CreatedBy"] = createdBy,
                    ["CreatedSince"] = context.Get(human) ? HumanTime.Since(created, now) : created.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                    ["ID"] = truncate && Digest.TryParse(item.Id, out var id) ? id.Short : item.Id,
                    ["Size"] = context.Get(human) ? HumanSize.Format(item.Size, 3) : item.Size.ToString(CultureInfo.InvariantCulture),
                };
            }).ToList();
            var template = context.Get(quiet) ? "{{.ID}}" : context.Get(format) is { Length: > 0 } custom ? custom : DefaultFormat;
            OutputFormat.Write(context.Out, template, rows, Headers, DefaultFormat);
            return 0;
        });
        return command;
    }
}
