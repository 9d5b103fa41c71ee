using Berth.Engine.Models;
using Berth.Networking.Ipam;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary><c>berth network ls</c>: the networks that pass the filters, Docker-shaped, oldest first (the predefined ones lead).</summary>
    public Task<IReadOnlyList<NetworkResource>> ListAsync(IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var filter = new NetworkFilter(filters, NetworkFilter.ListKeys, _time.GetUtcNow());
        var models = All().Select(n => (Record: n, Model: ToModel(n)));
        return Task.FromResult<IReadOnlyList<NetworkResource>>(
            models.Where(m => filter.Matches(m.Record, m.Model.Containers.Count)).Select(m => m.Model).ToList());
    }

    /// <summary><c>berth network inspect</c>: one network by name, ID or ID prefix.</summary>
    public Task<NetworkResource> InspectAsync(string input, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(ToModel(Get(input)));
    }

    private NetworkResource ToModel(NetworkRecord network)
    {
        // Build steps hold addresses too, but they are no containers: Docker lists BuildKit's nowhere either.
        var attached = _metadata.Read(t => _networks.EndpointsOn(t, network.Id)
            .Where(e => e.HolderLock is null)
            .Select(e => (Endpoint: e, Name: ContainerName(t, e.ContainerId) ?? ""))
            .ToList());
        var prefix = network.Subnet is { } subnet ? Ipv4Subnet.Parse(subnet).PrefixLength : 0;
        return new NetworkResource
        {
            Name = network.Name,
            Id = network.Id,
            Created = network.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Driver = network.Driver,
            IPAM = new NetworkIpam
            {
                Options = network.IpamOptions ?? (network.Predefined ? null : new Dictionary<string, string>()),
                Config = network.Subnet is null ? [] :
                [
                    new NetworkIpamConfig
                    {
                        Subnet = network.Subnet,
                        IPRange = network.IpRange,
                        Gateway = network.Gateway!,
                        AuxiliaryAddresses = network.AuxAddresses,
                    },
                ],
            },
            Internal = network.Internal,
            Attachable = network.Attachable,
            Containers = attached.ToDictionary(a => a.Endpoint.ContainerId, a => new NetworkContainer
            {
                Name = a.Name,
                EndpointID = a.Endpoint.Id,
                MacAddress = a.Endpoint.Mac,
                IPv4Address = $"{Ipv4Subnet.Format(a.Endpoint.Address)}/{prefix}",
            }),
            Options = network.Options,
            Labels = network.Labels,
        };
    }
}
