using System.Net;

namespace Berth.Distribution;

/// <summary>
/// Which hosts are spoken to without verified TLS. Loopback (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>) uses
/// plain HTTP; hosts listed in <see cref="RegistryOptions.InsecureRegistries"/> (host, host:port or CIDR) try
/// HTTPS without verification first, then HTTP, as docker's insecure-registries do.
/// </summary>
internal sealed class InsecureRegistries(IReadOnlyList<string> entries)
{
    public static bool IsLoopback(string authority)
    {
        var host = HostOf(authority);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public bool IsInsecure(string authority)
    {
        var host = HostOf(authority);
        IPAddress.TryParse(host, out var ip);
        foreach (var entry in entries)
        {
            if (entry.Equals(authority, StringComparison.OrdinalIgnoreCase) || entry.Equals(host, StringComparison.OrdinalIgnoreCase)) return true;
            if (ip is not null && entry.Contains('/') && IPNetwork.TryParse(entry, out var network) && network.Contains(ip)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether any entry covers <paramref name="host"/> on some port. For the TLS callback, which sees only the
    /// host name: a <c>host:port</c> entry then also lifts verification for that host's other ports (as certs.d
    /// directories apply to every port there); which scheme a registry is spoken to in stays per authority.
    /// </summary>
    public bool IsInsecureHost(string host)
    {
        if (IsInsecure(host)) return true;
        foreach (var entry in entries)
            if (!entry.Contains('/') && HostOf(entry).Equals(host, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The host of <c>host[:port]</c>, without IPv6 brackets.</summary>
    public static string HostOf(string authority)
    {
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            return close > 0 ? authority[1..close] : authority;
        }
        var colon = authority.LastIndexOf(':');
        return colon > 0 && authority.IndexOf(':') == colon ? authority[..colon] : authority;
    }
}
