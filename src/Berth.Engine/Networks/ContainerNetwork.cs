using System.Net;
using Berth.Engine.Containers;
using Berth.Networking;
using Berth.Networking.Bridge;
using Berth.Networking.Dns;
using Berth.Networking.Ipam;

namespace Berth.Engine.Networks;

/// <summary>
/// One run's network, owned by the container's monitor: allocated before the container is created (so its hosts
/// file can name its address), connected to the namespace the monitor makes for it before the runtime runs it
/// (bridges, veth pairs, nft rules, the embedded DNS server), released when it is down.
/// </summary>
internal sealed class ContainerNetwork(
    NetworkService service, IToolRunner tools, ContainerRecord record, IReadOnlyList<NetworkRecord> networks,
    IReadOnlyList<EndpointRecord> endpoints, PortReservations reservations) : IAsyncDisposable
{
    private EmbeddedDnsServer? _dns;
    private NetworkNameResolver? _resolver;
    private bool _released;

    public IReadOnlyList<EndpointRecord> Endpoints => endpoints;

    /// <summary>The first network (the one with the default route and the published ports).</summary>
    public NetworkRecord Primary => networks[0];

    public EndpointRecord PrimaryEndpoint => endpoints[0];

    /// <summary>Whether the container's resolv.conf names Docker's embedded DNS (a user network among its networks).</summary>
    public bool EmbeddedDns => networks.Any(n => n.HasDns);

    /// <summary>Wires the namespace at <paramref name="namespacePath"/> (made for the container, not yet used) to every network.</summary>
    public async Task ConnectAsync(string namespacePath, CancellationToken ct)
    {
        var driver = new BridgeDriver(tools);
        using (service.LockHost())
        {
            for (var i = 0; i < networks.Count; i++)
            {
                var network = networks[i];
                var endpoint = endpoints[i];
                var plan = network.Ipam();
                await driver.EnsureBridgeAsync(network.Bridge, $"{plan.GatewayText}/{plan.Subnet.PrefixLength}", ct).ConfigureAwait(false);
                await driver.AttachAsync(namespacePath, NetworkService.VethPlanFor(network, endpoint, defaultRoute: i == 0), ct).ConfigureAwait(false);
            }
            await service.SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
        }
        // The server runs for a default-bridge container too, idle until a user network connected later points
        // its resolv.conf here (Docker starts its resolver then; only the monitor can host it for the container).
        _resolver = service.ResolverFor(record.Id);
        _dns = EmbeddedDnsServer.Start(namespacePath, _resolver, Upstreams(record));
    }

    /// <summary>
    /// Stops the DNS server, frees the ports, deletes the endpoints and brings the host in line. Runs once;
    /// <paramref name="namespaceGone"/> when the container is down and its namespace with it.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken ct, bool namespaceGone = false)
    {
        if (_released) return;
        _released = true;
        if (_dns is not null) await _dns.DisposeAsync().ConfigureAwait(false);
        _resolver?.Dispose();
        reservations.Dispose();
        await service.ReleaseAsync(record.Id, null, tools, ct, namespaceGone).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync(CancellationToken.None).ConfigureAwait(false);

    // --dns servers if given, else the host's own resolvers: queries are relayed from the host's namespace, so a
    // resolver on the host's loopback (systemd-resolved's 127.0.0.53) works too, as with Docker.
    private static IReadOnlyList<IPEndPoint> Upstreams(ContainerRecord record)
    {
        IEnumerable<string> servers = record.HostConfig.Dns;
        if (!servers.Any())
        {
            try
            {
                servers = File.ReadAllLines("/etc/resolv.conf")
                    .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                    .Where(f => f.Length >= 2 && f[0] == "nameserver")
                    .Select(f => f[1]);
            }
            catch (IOException)
            {
                servers = [];
            }
        }
        return servers.Where(s => Ipv4Subnet.TryParseAddress(s, out _)).Select(s => new IPEndPoint(IPAddress.Parse(s), 53)).ToList();
    }
}
