using Berth.Networking;
using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    private const string BridgeNameOption = "com.docker.network.bridge.name";

    /// <summary>
    /// <c>berth network create</c>: validates the name and the address plan (a subnet must overlap no other
    /// network's; without one, the first free pool that overlaps neither a network nor a host route) and records
    /// the network. Returns its ID. The bridge appears when the first container attaches.
    /// </summary>
    public Task<string> CreateAsync(NetworkCreateOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!ValidName.IsMatch(options.Name))
            throw BerthException.Invalid($"invalid network name \"{options.Name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        if (options.Driver != NetworkNames.BridgeDriver)
            throw BerthException.NotFound($"plugin \"{options.Driver}\" not found");
        if (options.Subnet.Length == 0 && (options.Gateway.Length > 0 || options.IpRange.Length > 0))
            throw BerthException.Invalid("invalid pool request: gateway and ip-range need a subnet (--subnet)");
        var explicitPlan = options.Subnet.Length > 0 ? AddressPlanner.Plan(options.Subnet, options.Gateway, options.IpRange) : null;
        var bridgeName = options.Options.TryGetValue(BridgeNameOption, out var chosen) ? chosen : null;
        if (bridgeName is not null && (bridgeName.Length is 0 or > 15 || bridgeName.Any(c => c is '/' or ' ' or ':')))
            throw BerthException.Invalid($"invalid bridge name: {bridgeName}");
        var id = NewId();
        var routes = explicitPlan is null ? HostRoutes.Read() : [];
        All();
        _metadata.Write(t =>
        {
            var existing = _networks.All(t);
            if (existing.Any(n => n.Name == options.Name))
                throw BerthException.Conflict($"network with name {options.Name} already exists");
            var subnets = existing.Where(n => n.Subnet is not null).Select(n => Ipv4Subnet.Parse(n.Subnet!)).ToList();
            IpamConfig plan;
            if (explicitPlan is not null)
            {
                if (subnets.Any(s => s.Overlaps(explicitPlan.Subnet)))
                    throw BerthException.Conflict("Pool overlaps with other one on this address space");
                plan = explicitPlan;
            }
            else
            {
                var free = AddressPlanner.FirstFree(AddressPlanner.DefaultPool(), [.. subnets, .. routes])
                    ?? throw new BerthException(ErrorKind.Unavailable, "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
                plan = AddressPlanner.Plan(free.ToString(), null, null);
            }
            if (bridgeName is not null && existing.Any(n => n.Bridge == bridgeName))
                throw BerthException.Conflict($"bridge name {bridgeName} is already in use by another network");
            _networks.Insert(t, new NetworkRecord
            {
                Id = id,
                Name = options.Name,
                Driver = NetworkNames.BridgeDriver,
                Created = _time.GetUtcNow(),
                Subnet = plan.Subnet.ToString(),
                Gateway = plan.GatewayText,
                IpRange = options.IpRange.Length > 0 ? plan.Range.ToString() : null,
                Internal = options.Internal,
                Bridge = bridgeName ?? HostNames.UserBridge(id),
                Options = options.Options,
                Labels = options.Labels,
            });
        });
        return Task.FromResult(id);
    }
}
