using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Models;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth stats</c>: resource use of the named containers, or of every running one (every one with
/// <c>-a</c>), from two samples a second apart; redrawn every second until interrupted unless
/// <c>--no-stream</c>. Rows are docker's statsContext, keys in alphabetical order as its <c>{{json .}}</c>.
/// </summary>
internal static class StatsCommand
{
    public const string DefaultFormat = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Docker clears the screen and homes the cursor before each redraw.
    private const string ClearScreen = "\u001b[2J\u001b[H";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Container"] = "CONTAINER", ["ID"] = "CONTAINER ID", ["Name"] = "NAME", ["CPUPerc"] = "CPU %",
        ["MemUsage"] = "MEM USAGE / LIMIT", ["MemPerc"] = "MEM %", ["NetIO"] = "NET I/O", ["BlockIO"] = "BLOCK I/O",
        ["PIDs"] = "PIDS",
    };

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("stats", "Display a live stream of container(s) resource usage statistics")
        {
            Usage = "[OPTIONS] [CONTAINER...]",
            Args = ArgRule.Any,
        };
        var all = command.Options.AddBool("all", 'a', "Show all containers (default shows just running)");
        var format = command.Options.AddString("format", null, OutputFormat.FormatHelp, valueName: "string");
        var noStream = command.Options.AddBool("no-stream", null, "Disable streaming stats and only pull the first result");
        var noTrunc = command.Options.AddBool("no-trunc", null, "Do not truncate output");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var template = context.Get(format) is { Length: > 0 } custom ? custom : DefaultFormat;
            var truncate = !context.Get(noTrunc);
            // Named containers are resolved once, so a missing one fails before anything is drawn.
            var named = context.Arguments.Select(name => (Shown: name, Id: engine.Containers.IdOf(name))).ToList();
            var previous = new Dictionary<string, ContainerStatsSample>();
            try
            {
                for (var round = 0; ; round++)
                {
                    var targets = named.Count > 0 ? named : await ListedAsync(engine, context.Get(all), ct);
                    var samples = await Task.WhenAll(targets.Select(t => SampleAsync(engine, t.Id, ct)));
                    var entries = targets.Zip(samples, (t, s) => (t.Shown, Sample: s))
                        .Where(e => e.Sample is not null)
                        .Select(e => (e.Shown, Entry: ContainerStatsEntry.Between(previous.GetValueOrDefault(e.Sample!.Id), e.Sample)))
                        .ToList();
                    var drawn = round > 0 || targets.Count == 0;
                    previous = samples.OfType<ContainerStatsSample>().ToDictionary(s => s.Id);
                    if (drawn)
                    {
                        if (!context.Get(noStream)) context.Out.Write(ClearScreen);
                        var rows = entries.Select(e => Row(e.Shown, e.Entry, truncate)).ToList();
                        OutputFormat.Write(context.Out, template, rows, Headers, DefaultFormat);
                        context.Out.Flush();
                        if (context.Get(noStream)) return 0;
                    }
                    await Task.Delay(Interval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C is how a stream ends.
                return 0;
            }
        });
        return command;
    }

    /// <summary>One row: values formatted as docker's statsContext methods format them.</summary>
    public static JsonObject Row(string container, ContainerStatsEntry entry, bool truncate) => new()
    {
        ["BlockIO"] = HumanSize.Format(entry.BlockRead, 3) + " / " + HumanSize.Format(entry.BlockWrite, 3),
        ["CPUPerc"] = Percent(entry.CpuPercent),
        ["Container"] = container,
        ["ID"] = truncate ? entry.Id[..12] : entry.Id,
        ["MemPerc"] = Percent(entry.MemoryPercent),
        ["MemUsage"] = HumanSize.Binary(entry.Memory) + " / " + HumanSize.Binary(entry.MemoryLimit),
        ["Name"] = entry.Name.Length > 0 ? entry.Name : "--",
        ["NetIO"] = HumanSize.Format(entry.NetworkRx, 3) + " / " + HumanSize.Format(entry.NetworkTx, 3),
        ["PIDs"] = entry.PidsCurrent.ToString(CultureInfo.InvariantCulture),
    };

    private static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";

    // A container removed since it was listed drops out of the table.
    private static async Task<ContainerStatsSample?> SampleAsync(BerthEngine engine, string id, CancellationToken ct)
    {
        try
        {
            return await engine.Containers.StatsAsync(id, ct);
        }
        catch (Oci.BerthException e) when (e.Kind == Oci.ErrorKind.NotFound)
        {
            return null;
        }
    }

    // Without names: the running containers now (all with -a), shown by their short ID as docker does.
    private static async Task<List<(string Shown, string Id)>> ListedAsync(BerthEngine engine, bool all, CancellationToken ct)
    {
        var containers = await engine.Containers.ListAsync(new ContainerListOptions { All = all }, ct);
        return containers.Select(c => (c.Id[..12], c.Id)).ToList();
    }
}
