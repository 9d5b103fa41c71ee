using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Networking.Dns;

namespace Berth.Engine.Networks;

/// <summary>
/// Names for one container's embedded DNS, read from the metadata on each query: the containers attached now to
/// the user networks this container is attached to, by name, short ID and network alias, also as
/// <c>NAME.NETWORK</c>. It keeps its own database connection because queries arrive on other threads than the
/// monitor's own work.
/// </summary>
internal sealed class NetworkNameResolver(string databasePath, string containerId) : INameResolver, IDisposable
{
    private readonly Lock _gate = new();
    private MetadataStore? _store;

    public IReadOnlyList<uint>? Resolve(string name)
    {
        lock (_gate)
        {
            _store ??= new MetadataStore(databasePath);
            var networks = new NetworkTable(_store);
            var containers = new ContainerTable(_store);
            return _store.Read(t =>
            {
                var all = networks.All(t).Where(n => n.HasDns).ToDictionary(n => n.Id);
                var mine = networks.EndpointsOf(t, containerId).Where(e => all.ContainsKey(e.NetworkId)).Select(e => e.NetworkId).ToHashSet();
                var found = new List<uint>();
                foreach (var networkId in mine)
                {
                    var network = all[networkId];
                    var local = name.EndsWith("." + network.Name, StringComparison.OrdinalIgnoreCase) ? name[..^(network.Name.Length + 1)] : name;
                    foreach (var endpoint in networks.EndpointsOn(t, networkId))
                    {
                        if (containers.ById(t, endpoint.ContainerId) is not { } peer) continue;
                        var names = endpoint.Aliases.Append(peer.Record.Name).Append(peer.Record.ShortId);
                        if (names.Any(n => string.Equals(n, local, StringComparison.OrdinalIgnoreCase)) && !found.Contains(endpoint.Address))
                            found.Add(endpoint.Address);
                    }
                }
                return found.Count > 0 ? found : null;
            });
        }
    }

    public void Dispose() => _store?.Dispose();
}
