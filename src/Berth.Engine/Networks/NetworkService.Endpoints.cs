using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Networking;
using Berth.Networking.Bridge;
using Berth.Networking.Ipam;
using Berth.Networking.Ports;
using Berth.Oci;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>
    /// Allocates a container's endpoints on all its networks in one transaction (addresses from each network's
    /// plan, ports checked against every other endpoint), after reserving its host ports with real sockets so a
    /// port another program holds fails here, before the container starts. The result connects the namespace
    /// later and releases everything it took.
    /// </summary>
    internal ContainerNetwork Allocate(ContainerRecord record, IToolRunner tools)
    {
        var all = All();
        var joined = (record.Networks ?? new Dictionary<string, EndpointSettings>())
            .Select(kv => (Network: Find(all, kv.Key) ?? throw NotFound(kv.Key), Settings: kv.Value))
            .ToList();
        foreach (var (network, _) in joined)
        {
            if (!network.IsBridge)
                throw BerthException.Invalid($"container cannot be connected to network {network.Name} with driver {network.Driver} alongside others");
        }
        if (joined.Any(j => !HasBridge(j.Network)))
        {
            // The address plan is final only once the bridge exists (the default bridge may move to a free subnet).
            // The monitor that calls this has nothing else to do meanwhile, so it waits here.
            using var hostLock = LockHost();
            var ensured = EnsureBridgesLockedAsync(joined.Select(j => j.Network).ToList(), tools, CancellationToken.None).GetAwaiter().GetResult();
            joined = joined.Select((j, i) => (ensured[i], j.Settings)).ToList();
        }
        var requested = PortRequests(record);
        var reservations = PortReservations.Reserve(requested, record);
        try
        {
            var endpoints = _metadata.Write(t =>
            {
                CheckPortsFree(t, reservations.Ports);
                var created = new List<EndpointRecord>();
                var index = 0;
                foreach (var (network, settings) in joined)
                {
                    var endpoint = NewEndpoint(t, network, settings, record.Id, $"eth{index++}", created.Count == 0 ? reservations.Ports : []);
                    _networks.InsertEndpoint(t, endpoint);
                    created.Add(endpoint);
                }
                return created;
            });
            return new ContainerNetwork(this, tools, record, joined.Select(j => j.Network).ToList(), endpoints, reservations);
        }
        catch
        {
            reservations.Dispose();
            throw;
        }
    }

    private EndpointRecord NewEndpoint(MetadataTransaction t, NetworkRecord network, EndpointSettings settings, string ownerId, string interfaceName, IReadOnlyList<PortMapping> ports)
    {
        var taken = _networks.EndpointsOn(t, network.Id).Select(e => e.Address).Concat(AuxiliaryAddresses.Of(network)).ToHashSet();
        var address = AddressPlanner.Allocate(network.Ipam(), taken, settings.IPv4Address, network.Name);
        var endpointId = NewId();
        return new EndpointRecord
        {
            Id = endpointId,
            NetworkId = network.Id,
            ContainerId = ownerId,
            Address = address,
            Mac = settings.MacAddress is { Length: > 0 } mac ? mac : AddressPlanner.MacFor(address),
            Interface = interfaceName,
            HostVeth = HostNames.Veth(endpointId),
            Aliases = settings.Aliases,
            Ports = ports,
        };
    }

    /// <summary>What the driver makes for <paramref name="endpoint"/>: the default route only on the first network, never on an internal one.</summary>
    internal static VethPlan VethPlanFor(NetworkRecord network, EndpointRecord endpoint, bool defaultRoute)
    {
        var plan = network.Ipam();
        return new VethPlan
        {
            Bridge = network.Bridge,
            HostVeth = endpoint.HostVeth,
            InterfaceName = endpoint.Interface,
            Mac = endpoint.Mac,
            AddressCidr = $"{Ipv4Subnet.Format(endpoint.Address)}/{plan.Subnet.PrefixLength}",
            DefaultGateway = defaultRoute && !network.Internal ? plan.GatewayText : null,
        };
    }

    // Another endpoint's port on the same protocol and port number conflicts unless both name different addresses.
    private void CheckPortsFree(MetadataTransaction t, IReadOnlyList<PortMapping> ports)
    {
        if (ports.Count == 0) return;
        var used = _networks.Endpoints(t).SelectMany(e => e.Ports).ToList();
        foreach (var port in ports)
        {
            if (used.Any(u => u.Protocol == port.Protocol && u.HostPort == port.HostPort && (u.HostIp.Length == 0 || port.HostIp.Length == 0 || u.HostIp == port.HostIp)))
                throw BerthException.Conflict($"Bind for {(port.HostIp.Length > 0 ? port.HostIp : "0.0.0.0")}:{port.HostPort} failed: port is already allocated");
        }
    }

    /// <summary>
    /// The ports to publish: each <c>-p</c> binding (host port 0 for "any"), and with <c>-P</c> every exposed port
    /// not bound explicitly, on an ephemeral host port.
    /// </summary>
    private static List<PortMapping> PortRequests(ContainerRecord record)
    {
        var requests = new List<PortMapping>();
        foreach (var (key, bindings) in record.HostConfig.PortBindings ?? new Dictionary<string, IReadOnlyList<PortBinding>>())
        {
            var (port, protocol) = SplitKey(key);
            foreach (var binding in bindings)
            {
                var hostPort = binding.HostPort is { Length: > 0 } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
                requests.Add(new PortMapping(binding.HostIp is "0.0.0.0" ? "" : binding.HostIp, hostPort, port, protocol));
            }
        }
        if (record.HostConfig.PublishAllPorts)
        {
            foreach (var key in (record.Config.ExposedPorts ?? new Dictionary<string, EmptyObject>()).Keys)
            {
                var (port, protocol) = SplitKey(key);
                if (!requests.Any(r => r.ContainerPort == port && r.Protocol == protocol)) requests.Add(new PortMapping("", 0, port, protocol));
            }
        }
        return requests;
    }

    private static (int Port, string Protocol) SplitKey(string key)
    {
        var slash = key.IndexOf('/');
        return (int.Parse(slash < 0 ? key : key[..slash], System.Globalization.CultureInfo.InvariantCulture), slash < 0 ? "tcp" : key[(slash + 1)..]);
    }

    /// <summary>
    /// Deletes a container's endpoint rows (all, or one network's) and brings the host in line. With
    /// <paramref name="namespaceGone"/> the veth pairs are left to the kernel, which deletes them with the namespace.
    /// </summary>
    internal async Task ReleaseAsync(string containerId, string? networkId, IToolRunner tools, CancellationToken ct, bool namespaceGone = false)
    {
        var removed = _metadata.Write(t =>
        {
            var endpoints = _networks.EndpointsOf(t, containerId).Where(e => networkId is null || e.NetworkId == networkId).ToList();
            foreach (var endpoint in endpoints) _networks.DeleteEndpoint(t, endpoint.NetworkId, containerId);
            return endpoints;
        });
        if (removed.Count == 0 && networkId is not null) return;
        using var hostLock = LockHost();
        // A live namespace (disconnect, a failed start) still has its pair, which must go. A dead one's pair is
        // being deleted by the kernel's namespace cleanup, asynchronously: waiting for that would only add latency.
        if (!namespaceGone)
        {
            var driver = new BridgeDriver(tools);
            foreach (var endpoint in removed) await driver.DeleteLinkAsync(endpoint.HostVeth, ct).ConfigureAwait(false);
        }
        await SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
    }

    /// <summary>The endpoints of one container, first network first.</summary>
    internal IReadOnlyList<EndpointRecord> EndpointsOf(string containerId) => _metadata.Read(t => _networks.EndpointsOf(t, containerId));

    /// <summary>The embedded DNS's view of names for one container.</summary>
    internal NetworkNameResolver ResolverFor(string containerId) => new(_layout.Database, containerId);

    /// <summary>
    /// What a new container on network <paramref name="input"/> records: the network's canonical name and the
    /// settings asked for it. Docker's rules: a fixed address and aliases only on user networks.
    /// </summary>
    internal (string Name, IReadOnlyDictionary<string, EndpointSettings> Networks) JoinSettings(string input, IReadOnlyDictionary<string, EndpointSettings>? requested)
    {
        var network = Get(input);
        if (!network.IsBridge) throw BerthException.Invalid($"network {network.Name} cannot be joined by name: use --network {network.Name}");
        // The CLI files the settings of a run without --network under "default", Docker's name for the default bridge.
        var settings = requested is not null && (requested.TryGetValue(input, out var byInput) || requested.TryGetValue(network.Name, out byInput)
            || (network.Name == NetworkNames.Bridge && requested.TryGetValue("default", out byInput)))
            ? byInput : new EndpointSettings();
        if (network.Predefined && settings.IPv4Address is { Length: > 0 })
            throw BerthException.Invalid("user specified IP address is supported on user defined networks only");
        if (network.Predefined && settings.Aliases.Count > 0)
            throw BerthException.Invalid("network-scoped alias is supported only for containers in user defined networks");
        if (settings.IPv4Address is { Length: > 0 } ip && !network.Ipam().Subnet.Contains(Ipv4Subnet.ParseAddress(ip)))
            throw BerthException.Invalid($"invalid address {ip}: it does not belong to any of this network's subnets");
        return (network.Name, new Dictionary<string, EndpointSettings> { [network.Name] = settings });
    }
}
