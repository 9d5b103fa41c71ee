using Berth.Linux;
using Berth.Networking;
using Berth.Networking.Bridge;
using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    // Host-wide, not per root: every state root on the host picks subnets from the same pools, and a bridge's
    // address (the route through it) is what tells the others that a subnet is taken. Choosing a subnet and giving
    // the bridge its address happen under this lock, so two roots never make bridges on one subnet.
    private const string SubnetLockPath = "/run/berth/subnets.lock";

    /// <summary>Takes the host-wide subnet lock; callers take the root's <see cref="LockHost"/> first.</summary>
    private static FileLock LockSubnets()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SubnetLockPath)!);
        return FileLock.Acquire(SubnetLockPath);
    }

    /// <summary>
    /// Makes the bridge of each network that has none yet (caller holds <see cref="LockHost"/>) and returns the
    /// records as they are now: the default bridge moves to a free subnet when another network on the host took
    /// its old one while it had no bridge, as a fresh choice from the pools would have.
    /// </summary>
    internal async Task<IReadOnlyList<NetworkRecord>> EnsureBridgesLockedAsync(IReadOnlyList<NetworkRecord> networks, IToolRunner tools, CancellationToken ct)
    {
        var ensured = new List<NetworkRecord>(networks.Count);
        foreach (var network in networks)
        {
            if (!network.IsBridge || HasBridge(network))
            {
                ensured.Add(network);
                continue;
            }
            using var subnets = LockSubnets();
            // A bridge of this name without this network's route is a leftover of an earlier root at the same path
            // (deleted and made again) or of this network's earlier plan: the names are this root's alone.
            if (BridgeDriver.Exists(network.Bridge))
            {
                await new BridgeDriver(tools).DeleteBridgeAsync(network.Bridge, ct).ConfigureAwait(false);
                HostBridgeRegistry.Unregister(network.Bridge);
            }
            await ReclaimOrphansAsync(tools, ct).ConfigureAwait(false);
            var placed = await PlaceAsync(network, tools, ct).ConfigureAwait(false);
            await MakeBridgeAsync(placed, tools, ct).ConfigureAwait(false);
            ensured.Add(placed);
        }
        return ensured;
    }

    /// <summary>Whether the network's bridge is up with its plan: the host routes the network's subnet through it.</summary>
    internal static bool HasBridge(NetworkRecord network) =>
        network.Subnet is { } subnet && HostRoutes.Read().Any(r => r.Interface == network.Bridge && r.Destination == Ipv4Subnet.Parse(subnet));

    // Caller holds both locks.
    private async Task MakeBridgeAsync(NetworkRecord network, IToolRunner tools, CancellationToken ct)
    {
        var plan = network.Ipam();
        HostBridgeRegistry.Register(network.Bridge, _layout.Root, NftTable, ForwardChain);
        await new BridgeDriver(tools).EnsureBridgeAsync(network.Bridge, $"{plan.GatewayText}/{plan.Subnet.PrefixLength}", ct).ConfigureAwait(false);
    }

    // Bridges (with their root's nft table and iptables chain) left by state roots deleted while they had some.
    // Caller holds the subnet lock, so no root makes a bridge meanwhile; the routes they held are free afterwards.
    private static async Task ReclaimOrphansAsync(IToolRunner tools, CancellationToken ct)
    {
        var orphans = HostBridgeRegistry.Orphans();
        if (orphans.Count == 0) return;
        var driver = new BridgeDriver(tools);
        foreach (var orphan in orphans)
        {
            await driver.DeleteBridgeAsync(orphan.Bridge, ct).ConfigureAwait(false);
            HostBridgeRegistry.Unregister(orphan.Bridge);
        }
        foreach (var root in orphans.GroupBy(o => o.Root).Select(g => g.First()))
        {
            await tools.RunAsync("nft", ["delete", "table", "ip", root.NftTable], null, ct).ConfigureAwait(false);
            try
            {
                await new ForwardRules(tools).SyncAsync(root.ForwardChain, [], ct).ConfigureAwait(false);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.Internal)
            {
                // Whoever else took the chain down meanwhile (an admin, another root's reclaim) did the job.
            }
        }
    }

    // A network about to get its bridge keeps its subnet unless a route of the host now overlaps it. Only the default
    // bridge without a configured "bip" may move (any route counts for it, as for a pool choice); a user network's
    // subnet is the user's, so only another bridge's route (another network of this host) makes it unusable.
    private async Task<NetworkRecord> PlaceAsync(NetworkRecord network, IToolRunner tools, CancellationToken ct)
    {
        var subnet = Ipv4Subnet.Parse(network.Subnet!);
        var routes = HostRoutes.Read();
        var movable = network.Predefined && _options.BridgeIp is not { Length: > 0 };
        var clash = routes.Where(r => r.Destination.Overlaps(subnet) && (movable || r.ThroughBridge)).Select(r => (HostRoute?)r).FirstOrDefault();
        if (clash is not { } route) return network;
        if (!movable)
            throw BerthException.Conflict($"network {network.Name}: its subnet {subnet} is in use on this host (the route through {route.Interface}); remove the network and create it again with another --subnet");

        // Endpoints of containers that died without their monitor would pin the old plan: release them first.
        var driver = new BridgeDriver(tools);
        foreach (var leftover in ReleaseLeftovers()) await driver.DeleteLinkAsync(leftover.HostVeth, ct).ConfigureAwait(false);
        return _metadata.Write(t =>
        {
            if (_networks.EndpointsOn(t, network.Id).Count > 0)
                throw BerthException.Conflict($"network {network.Name}: its subnet {subnet} is in use on this host (the route through {route.Interface})");
            var used = _networks.All(t).Where(n => n.Subnet is not null && n.Id != network.Id).Select(n => Ipv4Subnet.Parse(n.Subnet!))
                .Concat(routes.Select(r => r.Destination)).ToList();
            var free = AddressPlanner.FirstFree(AddressPlanner.DefaultPool(), used) ?? throw NoFreePool();
            var moved = network with { Subnet = free.ToString(), Gateway = Ipv4Subnet.Format(free.Network + 1) };
            _networks.Update(t, moved);
            return moved;
        });
    }

    private static BerthException NoFreePool() =>
        new(ErrorKind.Unavailable, "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
}
