using System.Text.Json.Nodes;
using Berth.Engine.Models;

namespace Berth.Cli.Commands.Network;

/// <summary>One line of <c>network ls</c>: docker's networkContext (keys sorted, as its {{json .}} prints them).</summary>
internal static class NetworkRow
{
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "NETWORK ID", ["Name"] = "NAME", ["Driver"] = "DRIVER", ["Scope"] = "SCOPE", ["IPv6"] = "IPV6",
        ["Internal"] = "INTERNAL", ["Labels"] = "LABELS", ["CreatedAt"] = "CREATED AT",
    };

    public static JsonObject Of(NetworkResource network, bool truncate) => new()
    {
        ["CreatedAt"] = network.Created,
        ["Driver"] = network.Driver,
        ["ID"] = truncate ? network.Id[..12] : network.Id,
        ["IPv6"] = network.EnableIPv6 ? "true" : "false",
        ["Internal"] = network.Internal ? "true" : "false",
        ["Labels"] = string.Join(',', network.Labels.Select(l => $"{l.Key}={l.Value}")),
        ["Name"] = network.Name,
        ["Scope"] = network.Scope,
    };
}
