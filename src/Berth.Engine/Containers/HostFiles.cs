using System.Text;

namespace Berth.Engine.Containers;

/// <summary>
/// The /etc/hosts, /etc/hostname and /etc/resolv.conf a container gets (bind-mounted from its directory, as
/// Docker does): with the host's network, copies of the host's files; otherwise a hosts file with the loopback
/// names and this container's hostname (on a bridge network with its address, rewritten at each start). On a
/// user network resolv.conf names the embedded DNS server (127.0.0.11); on the default bridge it is the host's
/// without loopback resolvers. <c>--add-host</c> (host-gateway included), <c>--dns</c>, <c>--dns-search</c> and
/// <c>--dns-option</c> are applied on top.
/// </summary>
internal static class HostFiles
{
    private const string LoopbackHosts =
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n" +
        "ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    public static void Write(ContainerPaths paths, ContainerRecord record, NetworkModes network, HostAddressing? addressing = null, string? hostGateway = null)
    {
        var config = record.Config;
        var host = record.HostConfig;
        var hostname = config.Domainname.Length > 0 ? $"{config.Hostname}.{config.Domainname}" : config.Hostname;
        WriteAtomically(paths.HostnameFile, config.Hostname + "\n");

        var hosts = new StringBuilder();
        if (network.Kind == NetworkKind.Host && ReadHost("/etc/hosts") is { } hostHosts) hosts.Append(EndWithNewline(hostHosts));
        else hosts.Append(LoopbackHosts);
        foreach (var extra in host.ExtraHosts ?? [])
        {
            // --add-host name:ip (or name=ip) becomes "ip<TAB>name".
            var split = extra.IndexOfAny([':', '=']);
            if (split <= 0) continue;
            var address = extra[(split + 1)..];
            // Docker's special value: the host as the container reaches it (its bridge's gateway).
            if (address == "host-gateway") address = addressing?.Gateway ?? hostGateway ?? "127.0.0.1";
            hosts.Append(address).Append('\t').Append(extra[..split]).Append('\n');
        }
        // Docker names a bridge container's own address; a namespace without one gets 127.0.1.1 as Debian does.
        if (addressing is not null) hosts.Append(addressing.Address).Append('\t').Append(hostname).Append('\n');
        else if (network.Kind != NetworkKind.Host) hosts.Append("127.0.1.1\t").Append(hostname).Append('\n');
        WriteAtomically(paths.HostsFile, hosts.ToString());

        var hostResolvConf = ReadHost("/etc/resolv.conf") ?? "";
        if (addressing is { EmbeddedDns: true })
        {
            WriteAtomically(paths.ResolvConfFile, EmbeddedResolvConf(hostResolvConf, host));
        }
        else if (addressing is not null)
        {
            WriteAtomically(paths.ResolvConfFile, BridgeResolvConf(hostResolvConf, host.Dns, host.DnsSearch, host.DnsOptions));
        }
        else
        {
            WriteAtomically(paths.ResolvConfFile, ResolvConf(hostResolvConf, host.Dns, host.DnsSearch, host.DnsOptions));
        }
    }

    private static List<string> Keyword(string file, string keyword) => file.Split('\n')
        .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        .Where(f => f.Length > 1 && f[0] == keyword)
        .SelectMany(f => f.Skip(1))
        .ToList();

    private static bool IsLoopbackNameserver(string line)
    {
        var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && fields[0] == "nameserver" && (fields[1].StartsWith("127.", StringComparison.Ordinal) || fields[1] == "::1");
    }

    /// <summary>
    /// The resolv.conf of a namespace on the default bridge: it cannot reach the host's loopback resolvers, so
    /// Docker drops them and falls back to Google's public servers when none is left.
    /// </summary>
    public static string BridgeResolvConf(string hostFile, IReadOnlyList<string> dns, IReadOnlyList<string> search, IReadOnlyList<string> options)
    {
        var text = string.Join('\n', hostFile.Split('\n').Where(l => !IsLoopbackNameserver(l)));
        if (dns.Count == 0 && Keyword(text, "nameserver").Count == 0) text += "\nnameserver 8.8.8.8\nnameserver 8.8.4.4";
        return ResolvConf(text, dns, search, options);
    }

    /// <summary>The host's resolv.conf with the nameserver, search and options lines replaced by any given.</summary>
    public static string ResolvConf(string hostFile, IReadOnlyList<string> dns, IReadOnlyList<string> search, IReadOnlyList<string> options)
    {
        var lines = hostFile.Split('\n').Where(l => l.Length > 0).ToList();
        if (dns.Count > 0) Replace(lines, "nameserver", dns.Select(d => "nameserver " + d));
        if (search.Count > 0) Replace(lines, "search", [string.Join(' ', ["search", .. search])]);
        if (options.Count > 0) Replace(lines, "options", [string.Join(' ', ["options", .. options])]);
        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }

    private static void Replace(List<string> lines, string keyword, IEnumerable<string> replacement)
    {
        lines.RemoveAll(l => l.StartsWith(keyword + " ", StringComparison.Ordinal) || l.StartsWith(keyword + "\t", StringComparison.Ordinal));
        lines.AddRange(replacement);
    }

    /// <summary>A file of the host's, or null when it cannot be read.</summary>
    public static string? ReadHost(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Points a running container at the embedded DNS server (its monitor runs one for every bridge container) once
    /// it joins a user network, as Docker does. The file is rewritten in place: the container sees it through a
    /// bind mount, which a renamed file would leave behind.
    /// </summary>
    public static void UseEmbeddedDns(ContainerPaths paths, ContainerRecord record)
    {
        var current = ReadHost(paths.ResolvConfFile) ?? "";
        if (Keyword(current, "nameserver") is ["127.0.0.11"]) return;
        File.WriteAllText(paths.ResolvConfFile, EmbeddedResolvConf(ReadHost("/etc/resolv.conf") ?? "", record.HostConfig));
    }

    // User networks: the embedded server answers (and forwards to --dns or the host's resolvers), as Docker's.
    private static string EmbeddedResolvConf(string hostResolvConf, Models.HostConfig host)
    {
        var search = host.DnsSearch.Count > 0 ? host.DnsSearch : Keyword(hostResolvConf, "search");
        var options = host.DnsOptions.Count > 0 ? host.DnsOptions : ["ndots:0"];
        return ResolvConf("", ["127.0.0.11"], search, options);
    }

    private static string EndWithNewline(string text) => text.Length == 0 || text.EndsWith('\n') ? text : text + "\n";

    private static void WriteAtomically(string path, string text) => Storage.ReplaceableFile.Write(path, text);
}
