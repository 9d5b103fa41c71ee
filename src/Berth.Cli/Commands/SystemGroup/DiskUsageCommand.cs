using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.Commands.Image;
using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.SystemGroup;

/// <summary><c>berth system df</c>: docker's summary table, or per-image detail with <c>-v</c>.</summary>
internal static class DiskUsageCommand
{
    private const string DefaultFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    private const string VerboseImageFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";

    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Type"] = "TYPE", ["TotalCount"] = "TOTAL", ["Active"] = "ACTIVE", ["Size"] = "SIZE", ["Reclaimable"] = "RECLAIMABLE",
    };

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("df", "Show Berth disk usage") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var verbose = command.Options.AddBool("verbose", 'v', "Show detailed information on space usage");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var usage = await engine.System.DiskUsageAsync(ct);
            var buildCache = engine.Builds.Usage();
            if (context.Get(verbose))
            {
                context.Out.WriteLine("Images space usage:");
                context.Out.WriteLine();
                var now = DateTimeOffset.UtcNow;
                OutputFormat.Write(context.Out, VerboseImageFormat, usage.Images.SelectMany(i => ImageRow.Expand(i, false, true, now)).ToList(), ImageRow.Headers);
                return 0;
            }
            var active = usage.Images.Count(i => i.Containers > 0);
            var reclaimable = usage.LayersSize - usage.Images.Where(i => i.Containers > 0).Sum(i => i.Size - i.SharedSize);
            var rows = new List<JsonObject>
            {
                Row("Images", usage.Images.Count, active, usage.LayersSize, reclaimable),
                Row("Containers", usage.ContainerCount, usage.RunningContainerCount, usage.ContainersSize, usage.ContainersReclaimable),
                Row("Local Volumes", usage.VolumeCount, 0, usage.VolumesSize, usage.VolumesSize),
                Row("Build Cache", buildCache.Count, buildCache.InUse, buildCache.Size, buildCache.Reclaimable),
            };
            var template = context.Get(format) is { Length: > 0 } custom ? custom : DefaultFormat;
            OutputFormat.Write(context.Out, template, rows, Headers, DefaultFormat);
            return 0;
        });
        return command;
    }

    private static JsonObject Row(string type, int total, int active, long size, long reclaimable)
    {
        var percent = size > 0 ? (int)(reclaimable * 100 / size) : 0;
        return new JsonObject
        {
            ["Active"] = active.ToString(CultureInfo.InvariantCulture),
            ["Reclaimable"] = size > 0 && reclaimable > 0 ? $"{HumanSize.Format(reclaimable)} ({percent}%)" : HumanSize.Format(reclaimable),
            ["Size"] = HumanSize.Format(size),
            ["TotalCount"] = total.ToString(CultureInfo.InvariantCulture),
            ["Type"] = type,
        };
    }
}
