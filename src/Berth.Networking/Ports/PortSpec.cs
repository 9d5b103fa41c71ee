using System.Globalization;
using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Networking.Ports;

/// <summary>
/// Docker's <c>-p</c> syntax (nat.ParsePortSpec): <c>[IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]</c>, where either
/// port may be a range (<c>8000-8010</c>). Equal-length ranges map one to one; a container range without host
/// ports gets an ephemeral port each. IPv6 host addresses go in brackets.
/// </summary>
public static class PortSpec
{
    public static IReadOnlyList<PortMapping> Parse(string spec)
    {
        var protocol = "tcp";
        var body = spec;
        var slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = spec[(slash + 1)..].ToLowerInvariant();
            body = spec[..slash];
            if (protocol is not ("tcp" or "udp")) throw BerthException.Invalid($"invalid proto: {spec[(slash + 1)..]}");
        }
        string hostIp = "", hostPart = "", containerPart;
        var parts = SplitHost(body);
        switch (parts.Count)
        {
            case 1: containerPart = parts[0]; break;
            case 2: (hostPart, containerPart) = (parts[0], parts[1]); break;
            case 3: (hostIp, hostPart, containerPart) = (parts[0], parts[1], parts[2]); break;
            default: throw BerthException.Invalid($"invalid port format for --publish: {spec}");
        }
        if (hostIp.Length > 0 && !Ipv4Subnet.TryParseAddress(hostIp, out _))
            throw BerthException.Invalid($"invalid IP address: {hostIp}");
        if (containerPart.Length == 0) throw BerthException.Invalid($"no port specified: {spec}<empty>");
        var (containerStart, containerEnd) = Range(containerPart, "invalid containerPort: ");
        var (hostStart, hostEnd) = hostPart.Length == 0 ? (0, 0) : Range(hostPart, "invalid hostPort: ");
        var count = containerEnd - containerStart + 1;
        if (hostPart.Length > 0 && hostEnd - hostStart + 1 != count)
            throw BerthException.Invalid($"invalid ranges specified for container and host Ports: {containerPart} and {hostPart}");
        var mappings = new List<PortMapping>(count);
        for (var i = 0; i < count; i++)
            mappings.Add(new PortMapping(hostIp, hostPart.Length == 0 ? 0 : hostStart + i, containerStart + i, protocol));
        return mappings;
    }

    /// <summary>
    /// An <c>EXPOSE</c> entry or <c>--expose</c> value: <c>80</c>, <c>80/udp</c> or a range; each becomes a key
    /// like <c>80/tcp</c>.
    /// </summary>
    public static IReadOnlyList<string> ParseExposed(string value)
    {
        var slash = value.IndexOf('/');
        var protocol = slash < 0 ? "tcp" : value[(slash + 1)..].ToLowerInvariant();
        if (protocol is not ("tcp" or "udp")) throw BerthException.Invalid($"invalid proto: {protocol}");
        var (start, end) = Range(slash < 0 ? value : value[..slash], "invalid range format for --expose: ");
        return Enumerable.Range(start, end - start + 1).Select(p => $"{p}/{protocol}").ToList();
    }

    // An IPv6 host address is bracketed ([::1]:80:80), so split on the colons outside brackets.
    private static List<string> SplitHost(string body)
    {
        if (!body.StartsWith('[')) return [.. body.Split(':')];
        var close = body.IndexOf(']');
        if (close < 0) throw BerthException.Invalid($"invalid IP address: {body}");
        throw BerthException.Invalid($"invalid IP address: {body[1..close]}: IPv6 port publishing is not supported");
    }

    private static (int Start, int End) Range(string text, string error)
    {
        var dash = text.IndexOf('-');
        var start = Port(dash < 0 ? text : text[..dash], error + text);
        var end = dash < 0 ? start : Port(text[(dash + 1)..], error + text);
        if (end < start) throw BerthException.Invalid(error + text);
        return (start, end);
    }

    private static int Port(string text, string error) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port : throw BerthException.Invalid(error);
}
