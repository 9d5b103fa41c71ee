using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.Engine.Models;

namespace Berth.Cli.Commands.Container;

/// <summary>One line of <c>ps</c>: docker's containerContext, keys in alphabetical order as its <c>{{json .}}</c>.</summary>
internal static class ContainerRow
{
    public const string DefaultFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED", ["Status"] = "STATUS", ["Ports"] = "PORTS", ["Names"] = "NAMES", ["Size"] = "SIZE",
        ["Labels"] = "LABELS", ["Mounts"] = "MOUNTS", ["Networks"] = "NETWORKS", ["State"] = "STATE",
        ["LocalVolumes"] = "LOCAL VOLUMES",
    };

    public static JsonObject Of(ContainerSummary container, bool truncate, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(container.Created);
        var command = container.Command;
        if (truncate && command.Length > 20) command = command[..19] + "…";
        return new JsonObject
        {
            // Docker prints the command with Go's %q.
            ["Command"] = Templates.GoQuote.Quote(command),
            ["CreatedAt"] = HumanTime.GoString(created),
            ["ID"] = truncate ? container.Id[..12] : container.Id,
            ["Image"] = container.Image,
            ["Labels"] = string.Join(',', container.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
            ["LocalVolumes"] = container.Mounts.Count(m => m.Type == "volume").ToString(CultureInfo.InvariantCulture),
            ["Mounts"] = string.Join(',', container.Mounts.Select(m => m.Name is { } name && truncate && name.Length > 15 ? name[..15] + "…" : m.Name ?? m.Source)),
            ["Names"] = string.Join(',', container.Names.Select(n => n.TrimStart('/'))),
            ["Networks"] = string.Join(",", container.Networks),
            ["Ports"] = "",
            ["RunningFor"] = HumanTime.Since(created, now),
            ["Size"] = container.SizeRw is { } rw
                ? $"{HumanSize.Format(rw)} (virtual {HumanSize.Format(container.SizeRootFs ?? rw)})"
                : "0B",
            ["State"] = container.State,
            ["Status"] = container.Status,
        };
    }
}
