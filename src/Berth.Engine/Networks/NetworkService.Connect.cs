using Berth.Engine.Containers;
using Berth.Engine.Models;
using Berth.Networking;
using Berth.Networking.Bridge;
using Berth.Oci;
using Berth.Runtime.Processes;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>
    /// <c>berth network connect</c>: records the network in the container's networks; a running container gets
    /// its endpoint at once (a new interface, no default route), a stopped one at its next start.
    /// </summary>
    public Task ConnectAsync(string networkInput, string containerInput, EndpointSettings settings, CancellationToken ct) =>
        WithToolsAsync(async tools =>
        {
            var network = Get(networkInput);
            if (!network.IsBridge) throw BerthException.Invalid($"container cannot be disconnected from host network or connected to host network");
            if (network.Predefined && settings.Aliases.Count > 0)
                throw BerthException.Invalid("network-scoped alias is supported only for containers in user defined networks");
            var container = _metadata.Write(t =>
            {
                var stored = ContainerLookup.Get(_containers, t, containerInput);
                if (stored.Record.Networks is not { } networks)
                    throw BerthException.Invalid("container sharing network namespace with another container or host cannot be connected to any other network");
                if (networks.ContainsKey(network.Name))
                    throw BerthException.Conflict($"endpoint with name {stored.Record.Name} already exists in network {network.Name}");
                var updated = stored.Record with { Networks = new Dictionary<string, EndpointSettings>(networks) { [network.Name] = settings } };
                _containers.SetRecord(t, updated);
                return stored.WithRecord(updated);
            });
            if (container.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused) || container.State.Pid == 0) return;
            using (LockHost()) network = (await EnsureBridgesLockedAsync([network], tools, ct).ConfigureAwait(false))[0];
            var endpoint = _metadata.Write(t =>
            {
                var used = _networks.EndpointsOf(t, container.Id).Select(e => e.Interface).ToHashSet();
                var name = Enumerable.Range(0, 64).Select(i => $"eth{i}").First(n => !used.Contains(n));
                var created = NewEndpoint(t, network, settings, container.Id, name, []);
                _networks.InsertEndpoint(t, created);
                return created;
            });
            try
            {
                var plan = network.Ipam();
                var driver = new BridgeDriver(tools);
                using var hostLock = LockHost();
                await driver.EnsureBridgeAsync(network.Bridge, $"{plan.GatewayText}/{plan.Subnet.PrefixLength}", ct).ConfigureAwait(false);
                await driver.AttachAsync($"/proc/{container.State.Pid}/ns/net", VethPlanFor(network, endpoint, defaultRoute: false), ct).ConfigureAwait(false);
                await SyncHostLockedAsync(tools, ct).ConfigureAwait(false);
            }
            catch
            {
                await ReleaseAsync(container.Id, network.Id, tools, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            if (network.HasDns)
                HostFiles.UseEmbeddedDns(new ContainerPaths(_layout.ContainerDirectory(container.Id), _layout.BundleDirectory(container.Id)), container.Record);
        });

    /// <summary><c>berth network disconnect</c>: removes the network from the container, and its endpoint if running.</summary>
    public Task DisconnectAsync(string networkInput, string containerInput, CancellationToken ct) =>
        WithToolsAsync(async tools =>
        {
            var network = Get(networkInput);
            var container = _metadata.Write(t =>
            {
                var stored = ContainerLookup.Get(_containers, t, containerInput);
                if (stored.Record.Networks is not { } networks || !networks.ContainsKey(network.Name))
                    throw BerthException.Invalid($"container {stored.Id} is not connected to network {network.Name}");
                var remaining = networks.Where(kv => kv.Key != network.Name).ToDictionary(kv => kv.Key, kv => kv.Value);
                _containers.SetRecord(t, stored.Record with { Networks = remaining });
                return stored;
            });
            await ReleaseAsync(container.Id, network.Id, tools, ct).ConfigureAwait(false);
        });

    private static async Task<T> WithToolsAsync<T>(Func<IToolRunner, Task<T>> work)
    {
        using var reaper = ChildReaper.ForChildren();
        return await work(new ReapingToolRunner(reaper)).ConfigureAwait(false);
    }

    private static Task WithToolsAsync(Func<IToolRunner, Task> work) => WithToolsAsync<object?>(async tools =>
    {
        await work(tools).ConfigureAwait(false);
        return null;
    });

    /// <summary>Releases a container's endpoints from a process that is not its monitor (reconcile, rm).</summary>
    internal Task ReleaseContainerAsync(string containerId, CancellationToken ct) =>
        EndpointsOf(containerId).Count == 0 ? Task.CompletedTask : WithToolsAsync(tools => ReleaseAsync(containerId, null, tools, ct));
}
