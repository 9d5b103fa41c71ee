using Berth.Engine.Models;
using Berth.Networking;
using Berth.Oci;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>
    /// <c>berth network rm</c>: refuses the predefined networks and a network with running containers on it
    /// (Docker's texts), deletes the row and brings the host in line (its bridge goes if a crash left it).
    /// </summary>
    public Task RemoveAsync(string input, CancellationToken ct) => WithToolsAsync(tools => RemoveAsync(input, tools, ct));

    private async Task RemoveAsync(string input, IToolRunner tools, CancellationToken ct)
    {
        var network = Get(input);
        if (network.Predefined)
            throw new BerthException(ErrorKind.PermissionDenied, $"{network.Name} is a pre-defined network and cannot be removed");
        // Leftovers of dead containers must not keep the network: the sync releases them first.
        await SyncHostAsync(tools, ct).ConfigureAwait(false);
        _metadata.Write(t =>
        {
            if (_networks.EndpointsOn(t, network.Id).Count > 0)
                throw BerthException.Conflict($"error while removing network: network {network.Name} id {network.Id} has active endpoints");
            _networks.Delete(t, network.Id);
        });
        await DeleteBridgesAsync([network], tools, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>berth network prune</c>: removes every user network that passes the filters and that no container
    /// refers to (running or not), as Docker does; returns their names.
    /// </summary>
    public Task<NetworkPruneReport> PruneAsync(IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        var filter = new NetworkFilter(filters, NetworkFilter.PruneKeys, _time.GetUtcNow());
        return WithToolsAsync(tools => PruneAsync(filter, tools, ct));
    }

    private async Task<NetworkPruneReport> PruneAsync(NetworkFilter filter, IToolRunner tools, CancellationToken ct)
    {
        await SyncHostAsync(tools, ct).ConfigureAwait(false);
        var deleted = _metadata.Write(t =>
        {
            var used = _containers.All(t).SelectMany(c => c.Record.Networks?.Keys ?? []).ToHashSet(StringComparer.Ordinal);
            var removed = new List<NetworkRecord>();
            foreach (var network in _networks.All(t))
            {
                if (network.Predefined || used.Contains(network.Name) || used.Contains(network.Id)) continue;
                if (_networks.EndpointsOn(t, network.Id).Count > 0 || !filter.Matches(network, 0)) continue;
                _networks.Delete(t, network.Id);
                removed.Add(network);
            }
            return removed;
        });
        await DeleteBridgesAsync(deleted, tools, ct).ConfigureAwait(false);
        return new NetworkPruneReport(deleted.Select(n => n.Name).ToList());
    }

    // Removed networks' bridges go under the lock, then the rules follow the networks that are left.
    private async Task DeleteBridgesAsync(IReadOnlyList<NetworkRecord> removed, IToolRunner tools, CancellationToken ct)
    {
        using var hostLock = LockHost();
        var driver = new Networking.Bridge.BridgeDriver(tools);
        foreach (var network in removed.Where(n => n.IsBridge))
        {
            await driver.DeleteBridgeAsync(network.Bridge, ct).ConfigureAwait(false);
            HostBridgeRegistry.Unregister(network.Bridge);
        }
        await SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
    }
}
