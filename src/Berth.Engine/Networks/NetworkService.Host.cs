using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Linux;
using Berth.Networking;
using Berth.Networking.Bridge;
using Berth.Networking.Ipam;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    private string HostLockPath => Path.Combine(_layout.Root, "network.lock");

    // The last ruleset applied; under the run root, so a reboot (which empties the kernel's tables) forgets it.
    private string AppliedRulesPath => Path.Combine(_layout.RunRoot, "network.nft");

    // The bridges the root's iptables FORWARD chain last accepted, likewise.
    private string AppliedForwardPath => Path.Combine(_layout.RunRoot, "network.forward");

    /// <summary>Takes the root's network lock: host objects change under it only, each change seeing the rows after the last.</summary>
    internal FileLock LockHost() => FileLock.Acquire(HostLockPath);

    /// <summary>
    /// Brings the host in line with the rows (caller holds <see cref="LockHost"/>). A bridge, once made, stays
    /// until its network is removed, the default bridge as long as the root (as Docker's docker0), so starts pay
    /// for neither making a bridge nor changing rules. The nft table is rendered from the networks with a bridge
    /// and the published ports, and applied with the iptables FORWARD rules unless it equals the last one applied.
    /// </summary>
    internal async Task SyncHostLockedAsync(IToolRunner tools, CancellationToken ct)
    {
        var driver = new BridgeDriver(tools);
        foreach (var leftover in ReleaseLeftovers()) await driver.DeleteLinkAsync(leftover.HostVeth, ct).ConfigureAwait(false);
        if (HostBridgeRegistry.Orphans().Count > 0)
        {
            using var subnets = LockSubnets();
            await ReclaimOrphansAsync(tools, ct).ConfigureAwait(false);
        }
        var (networks, endpoints) = _metadata.Read(t => (_networks.All(t), _networks.Endpoints(t)));
        var active = networks.Where(n => n.IsBridge && BridgeDriver.Exists(n.Bridge)).ToList();

        var byId = active.ToDictionary(n => n.Id);
        var ports = endpoints
            .Where(e => byId.ContainsKey(e.NetworkId) && e.Ports.Count > 0)
            .GroupBy(e => e.ContainerId)
            // A container's ports are published on its first network's address, like Docker's.
            .Select(g => g.First())
            .SelectMany(e => e.Ports.Select(p => new NftPort(p.HostIp, p.HostPort, p.Protocol, Ipv4Subnet.Format(e.Address), p.ContainerPort)))
            .ToList();
        var script = NftRuleset.Render(NftTable,
            active.Select(n => new NftNetwork(n.Bridge, Ipv4Subnet.Parse(n.Subnet!), n.Internal)).ToList(), ports);
        if (File.Exists(AppliedRulesPath) && await File.ReadAllTextAsync(AppliedRulesPath, ct).ConfigureAwait(false) == script) return;
        File.Delete(AppliedRulesPath);
        await driver.ApplyRulesAsync(script, ct).ConfigureAwait(false);
        // The FORWARD chain depends on the bridges alone: a published port coming or going leaves it as it is.
        var bridges = string.Join('\n', active.Select(n => n.Bridge).Order(StringComparer.Ordinal));
        if (!File.Exists(AppliedForwardPath) || await File.ReadAllTextAsync(AppliedForwardPath, ct).ConfigureAwait(false) != bridges)
        {
            File.Delete(AppliedForwardPath);
            await new ForwardRules(tools).SyncAsync(ForwardChain, active.Select(n => n.Bridge).ToList(), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(AppliedForwardPath, bridges, ct).ConfigureAwait(false);
        }
        await File.WriteAllTextAsync(AppliedRulesPath, script, ct).ConfigureAwait(false);
    }

    // Endpoints whose container is down with no monitor to release them (killed during setup, a crashed monitor
    // of a container that never ran): a starting container's monitor is alive, a running one's status says so.
    // A build step's endpoint is a leftover once no process holds its lock.
    private List<EndpointRecord> ReleaseLeftovers()
    {
        bool Down(Metadata.MetadataTransaction t, EndpointRecord e) =>
            e.HolderLock is { } holder ? !FileLock.IsHeld(holder)
            : _containers.ById(t, e.ContainerId) is not { } c
            || (c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)
                && !ContainerService.MonitorAlive(new ContainerPaths(_layout.ContainerDirectory(e.ContainerId), _layout.BundleDirectory(e.ContainerId))));
        if (_metadata.Read(t => _networks.Endpoints(t).Where(e => Down(t, e)).ToList()).Count == 0) return [];
        return _metadata.Write(t =>
        {
            var stale = _networks.Endpoints(t).Where(e => Down(t, e)).ToList();
            foreach (var endpoint in stale) _networks.DeleteEndpoint(t, endpoint.NetworkId, endpoint.ContainerId);
            return stale;
        });
    }

    /// <summary>Syncs the host under the lock, for changes made outside a container's attach.</summary>
    internal async Task SyncHostAsync(IToolRunner tools, CancellationToken ct)
    {
        using var hostLock = LockHost();
        await SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
    }
}
