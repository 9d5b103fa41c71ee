using Berth.Networking;
using Berth.Networking.Bridge;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>
    /// Puts the pinned namespace at <paramref name="namespacePath"/> on the default bridge for a process that is
    /// not a container (a build step, as BuildKit's RUN gets Docker's bridge): the bridge made if need be, an
    /// address allocated for <paramref name="ownerId"/>, the veth pair and the NAT rules in place. The endpoint
    /// stays live while <paramref name="holderLock"/> is held; <see cref="ReleaseAsync"/> with the owner frees it.
    /// </summary>
    internal async Task<(NetworkRecord Network, EndpointRecord Endpoint)> ConnectSandboxAsync(
        string ownerId, string holderLock, string namespacePath, IToolRunner tools, CancellationToken ct)
    {
        var bridge = Get(NetworkNames.Bridge);
        using var hostLock = LockHost();
        bridge = (await EnsureBridgesLockedAsync([bridge], tools, ct).ConfigureAwait(false))[0];
        var endpoint = _metadata.Write(t =>
        {
            var created = NewEndpoint(t, bridge, new Models.EndpointSettings(), ownerId, "eth0", []) with { HolderLock = holderLock };
            _networks.InsertEndpoint(t, created);
            return created;
        });
        try
        {
            await new BridgeDriver(tools).AttachAsync(namespacePath, VethPlanFor(bridge, endpoint, defaultRoute: true), ct).ConfigureAwait(false);
            await SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
        }
        catch
        {
            _metadata.Write(t => _networks.DeleteEndpoint(t, bridge.Id, ownerId));
            await SyncHostLockedAsync(tools, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return (bridge, endpoint);
    }
}
