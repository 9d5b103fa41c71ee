using System.Text.Json.Nodes;
using VolumeModel = Berth.Engine.Models.Volume;

namespace Berth.Cli.Commands.Volume;

/// <summary>One line of <c>volume ls</c>: docker's volumeContext, and its natural name order.</summary>
internal static class VolumeRow
{
    private const string NotAvailable = "N/A";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Name"] = "VOLUME NAME", ["Driver"] = "DRIVER", ["Scope"] = "SCOPE", ["Mountpoint"] = "MOUNTPOINT",
        ["Labels"] = "LABELS", ["Links"] = "LINKS", ["Size"] = "SIZE", ["Group"] = "GROUP",
        ["Availability"] = "AVAILABILITY", ["Status"] = "STATUS",
    };

    // Keys in alphabetical order: docker's {{json .}} marshals the context's fields sorted by name. Links and
    // Size are known only with usage data, the cluster fields only for cluster volumes.
    public static JsonObject Of(VolumeModel volume) => new()
    {
        ["Availability"] = NotAvailable,
        ["Driver"] = volume.Driver,
        ["Group"] = NotAvailable,
        ["Labels"] = string.Join(',', volume.Labels.Select(l => $"{l.Key}={l.Value}")),
        ["Links"] = NotAvailable,
        ["Mountpoint"] = volume.Mountpoint,
        ["Name"] = volume.Name,
        ["Scope"] = volume.Scope,
        ["Size"] = NotAvailable,
        ["Status"] = NotAvailable,
    };

    /// <summary>docker's sortorder.NaturalLess: runs of digits compare as numbers, the rest byte by byte.</summary>
    public static int CompareNatural(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var na = a[si..i].TrimStart('0');
                var nb = b[sj..j].TrimStart('0');
                var byNumber = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : string.CompareOrdinal(na, nb);
                if (byNumber != 0) return byNumber;
                continue;
            }
            if (a[i] != b[j]) return a[i].CompareTo(b[j]);
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
