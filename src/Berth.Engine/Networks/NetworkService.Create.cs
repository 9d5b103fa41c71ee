using Berth.Networking;
using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    private const string BridgeNameOption = "com.docker.network.bridge.name";

    /// <summary>
    /// <c>berth network create</c>: validates the name and the address plan (a subnet must overlap no other
    /// network's, here or on the host; without one, the first free pool that overlaps neither a network nor a host
    /// route), records the network and makes its bridge, as Docker does: the bridge's address is what keeps other
    /// state roots on this host off its subnet. Returns its ID.
    /// </summary>
    public Task<string> CreateAsync(NetworkCreateOptions options, CancellationToken ct) => WithToolsAsync(tools => CreateAsync(options, tools, ct));

    private async Task<string> CreateAsync(NetworkCreateOptions options, IToolRunner tools, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!ValidName.IsMatch(options.Name))
            throw BerthException.Invalid($"invalid network name \"{options.Name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        RefuseWhatNeedsASwarm(options);
        if (options.Driver != NetworkNames.BridgeDriver)
            throw BerthException.NotFound($"plugin \"{options.Driver}\" not found");
        if (options.IpamDriver is not ("" or NetworkNames.DefaultIpamDriver))
            throw BerthException.NotFound($"plugin \"{options.IpamDriver}\" not found");
        if (options.EnableIPv6) throw BerthException.Invalid("IPv6 networks are not supported: create the network without --ipv6");
        if (options.Subnet.Length == 0 && (options.Gateway.Length > 0 || options.IpRange.Length > 0))
            throw BerthException.Invalid("invalid pool request: gateway and ip-range need a subnet (--subnet)");
        var explicitPlan = options.Subnet.Length > 0 ? AddressPlanner.Plan(options.Subnet, options.Gateway, options.IpRange) : null;
        AuxiliaryAddresses.Check(options.AuxAddresses, explicitPlan);
        var bridgeName = options.Options.TryGetValue(BridgeNameOption, out var chosen) ? chosen : null;
        if (bridgeName is not null && (bridgeName.Length is 0 or > 15 || bridgeName.Any(c => c is '/' or ' ' or ':')))
            throw BerthException.Invalid($"invalid bridge name: {bridgeName}");
        All();
        using var hostLock = LockHost();
        NetworkRecord created;
        using (LockSubnets())
        {
            await ReclaimOrphansAsync(tools, ct).ConfigureAwait(false);
            created = Insert(options, explicitPlan, bridgeName, HostRoutes.Read());
            try
            {
                await MakeBridgeAsync(created, tools, ct).ConfigureAwait(false);
            }
            catch
            {
                _metadata.Write(t => _networks.Delete(t, created.Id));
                await new Networking.Bridge.BridgeDriver(tools).DeleteBridgeAsync(created.Bridge, CancellationToken.None).ConfigureAwait(false);
                HostBridgeRegistry.Unregister(created.Bridge);
                throw;
            }
        }
        await SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
        return created.Id;
    }

    // Ingress, swarm and global scopes and configuration-only networks belong to swarm mode, which berth does not
    // run; Docker refuses them the same way on a node outside a swarm.
    private static void RefuseWhatNeedsASwarm(NetworkCreateOptions options)
    {
        if (options.ConfigOnly) throw BerthException.Invalid("configuration-only networks are not supported: they serve swarm services");
        if (options.ConfigFrom.Length > 0) throw BerthException.NotFound($"configuration network \"{options.ConfigFrom}\" does not exist");
        if (options.Ingress) throw BerthException.Invalid("Ingress network can only be global scope network");
        switch (options.Scope)
        {
            case "" or "local":
                return;
            case "swarm":
                throw BerthException.Invalid("cannot create a swarm scoped network when swarm is not active");
            default:
                throw BerthException.Invalid($"cannot create a {options.Scope} scoped network: this node is not a swarm manager");
        }
    }

    // The row, checked against the other networks of this root and the routes of the host in one transaction.
    private NetworkRecord Insert(NetworkCreateOptions options, IpamConfig? explicitPlan, string? bridgeName, IReadOnlyList<HostRoute> routes) =>
        _metadata.Write(t =>
        {
            var existing = _networks.All(t);
            if (existing.Any(n => n.Name == options.Name))
                throw BerthException.Conflict($"network with name {options.Name} already exists");
            var subnets = existing.Where(n => n.Subnet is not null).Select(n => Ipv4Subnet.Parse(n.Subnet!)).ToList();
            IpamConfig plan;
            if (explicitPlan is not null)
            {
                // Another network's bridge on this host (another state root's, or another engine's) counts as one
                // of ours: two bridges on one subnet would break both.
                if (subnets.Any(s => s.Overlaps(explicitPlan.Subnet))
                    || routes.Any(r => r.ThroughBridge && r.Destination.Overlaps(explicitPlan.Subnet)))
                    throw BerthException.Conflict("Pool overlaps with other one on this address space");
                plan = explicitPlan;
            }
            else
            {
                var free = AddressPlanner.FirstFree(AddressPlanner.DefaultPool(), [.. subnets, .. routes.Select(r => r.Destination)]) ?? throw NoFreePool();
                plan = AddressPlanner.Plan(free.ToString(), null, null);
            }
            if (bridgeName is not null && (existing.Any(n => n.Bridge == bridgeName) || Networking.Bridge.BridgeDriver.Exists(bridgeName)))
                throw BerthException.Conflict($"bridge name {bridgeName} is already in use by another network");
            var id = NewId();
            var record = new NetworkRecord
            {
                Id = id,
                Name = options.Name,
                Driver = NetworkNames.BridgeDriver,
                Created = _time.GetUtcNow(),
                Subnet = plan.Subnet.ToString(),
                Gateway = plan.GatewayText,
                IpRange = options.IpRange.Length > 0 ? plan.Range.ToString() : null,
                Internal = options.Internal,
                Attachable = options.Attachable,
                AuxAddresses = options.AuxAddresses.Count > 0 ? options.AuxAddresses : null,
                IpamOptions = options.IpamOptions,
                Bridge = bridgeName ?? HostNames.UserBridge(id),
                Options = options.Options,
                Labels = options.Labels,
            };
            _networks.Insert(t, record);
            return record;
        });
}
