using System.Text.RegularExpressions;
using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Networking;
using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Engine.Networks;

/// <summary>
/// Networks on one state root. A network is a row (its address plan and bridge name); the host objects follow:
/// a user network's bridge is made with the network and goes with it, the default bridge is made by its first
/// container and stays as long as the root (as Docker's docker0), the root's nft table holds the rules of the
/// networks with a bridge and the published ports, and it is recomputed from the rows under one lock after every
/// change, so anything a crash left on the host is corrected by the next change. Subnets are claimed host-wide:
/// a bridge's address is its claim, made under a lock every root shares. The predefined <c>bridge</c>,
/// <c>host</c> and <c>none</c> rows are made on first use.
/// </summary>
public sealed partial class NetworkService
{
    private static readonly Regex ValidName = new("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant);
    private readonly MetadataStore _metadata;
    private readonly NetworkTable _networks;
    private readonly ContainerTable _containers;
    private readonly StateLayout _layout;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;

    internal NetworkService(MetadataStore metadata, ContainerTable containers, StateLayout layout, EngineOptions options)
    {
        _metadata = metadata;
        _networks = new NetworkTable(metadata);
        _containers = containers;
        _layout = layout;
        _options = options;
        _time = options.Time;
    }

    /// <summary>The nft table of this root.</summary>
    internal string NftTable => HostNames.NftTable(_layout.Root);

    /// <summary>The iptables chain of this root.</summary>
    internal string ForwardChain => HostNames.ForwardChain(_layout.Root);

    internal IReadOnlyList<NetworkRecord> All()
    {
        var all = _metadata.Read(_networks.All);
        if (all.Any(n => n.Name == NetworkNames.Bridge)) return all;
        _metadata.Write(t =>
        {
            var current = _networks.All(t);
            if (current.Any(n => n.Name == NetworkNames.Bridge)) return;
            foreach (var predefined in Predefined(current)) _networks.Insert(t, predefined);
        });
        return _metadata.Read(_networks.All);
    }

    /// <summary>A network by name, full ID or unique ID prefix; Docker's "network X not found" otherwise.</summary>
    internal NetworkRecord Get(string input) => Find(All(), input) ?? throw NotFound(input);

    internal static NetworkRecord? Find(IReadOnlyList<NetworkRecord> all, string input)
    {
        if (all.FirstOrDefault(n => n.Name == input || n.Id == input) is { } exact) return exact;
        var byPrefix = all.Where(n => input.Length > 0 && n.Id.StartsWith(input, StringComparison.Ordinal)).ToList();
        return byPrefix.Count == 1 ? byPrefix[0] : null;
    }

    internal static BerthException NotFound(string input) => BerthException.NotFound($"network {input} not found");

    private IEnumerable<NetworkRecord> Predefined(IReadOnlyList<NetworkRecord> current)
    {
        var now = _time.GetUtcNow();
        string subnet, gateway;
        if (_options.BridgeIp is { Length: > 0 } bip)
        {
            // daemon.json "bip" is the bridge's address with the prefix (172.26.0.1/16), as Docker's.
            var parsed = Ipv4Subnet.Parse(bip, allowHostBits: true);
            gateway = bip[..bip.IndexOf('/')];
            subnet = parsed.ToString();
        }
        else
        {
            var used = current.Where(n => n.Subnet is not null).Select(n => Ipv4Subnet.Parse(n.Subnet!)).Concat(HostRoutes.Destinations()).ToList();
            var free = AddressPlanner.FirstFree(AddressPlanner.DefaultPool(), used) ?? throw NoFreePool();
            subnet = free.ToString();
            gateway = Ipv4Subnet.Format(free.Network + 1);
        }
        var isDefaultRoot = _layout.Root == Path.GetFullPath(EngineOptions.DefaultRoot);
        yield return new NetworkRecord
        {
            Id = NewId(), Name = NetworkNames.Bridge, Driver = NetworkNames.BridgeDriver, Created = now, Predefined = true,
            Subnet = subnet, Gateway = gateway, Bridge = HostNames.DefaultBridgeFor(_layout.Root, isDefaultRoot),
            Options = new Dictionary<string, string>
            {
                ["com.docker.network.bridge.default_bridge"] = "true",
                ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                ["com.docker.network.bridge.name"] = HostNames.DefaultBridgeFor(_layout.Root, isDefaultRoot),
            },
        };
        yield return new NetworkRecord { Id = NewId(), Name = NetworkNames.Host, Driver = NetworkNames.HostDriver, Created = now, Predefined = true };
        yield return new NetworkRecord { Id = NewId(), Name = NetworkNames.None, Driver = NetworkNames.NullDriver, Created = now, Predefined = true };
    }

    // getrandom, not RandomNumberGenerator: the framework's generator loads OpenSSL, a cost a container's monitor
    // would pay at every start only for an endpoint ID.
    private static string NewId() => Berth.Linux.SecureRandom.HexString(32);

    private string? ContainerName(MetadataTransaction t, string id) => _containers.ById(t, id)?.Record.Name;
}
