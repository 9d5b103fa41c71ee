using Berth.Linux;
using Berth.Networking.Ipam;
using Berth.Runtime.Processes;

namespace Berth.Engine.Networks;

/// <summary>
/// A network namespace on the default bridge for one process that is not a container (a build step's RUN):
/// pinned in a directory of its own, with an address, a default route and NAT, all gone on dispose. While it
/// lives its lock is held, so no other command of the root takes its endpoint for a leftover.
/// </summary>
internal sealed class SandboxNetwork : IAsyncDisposable
{
    private readonly NetworkService _service;
    private readonly string _ownerId;
    private readonly FileLock _holder;
    private readonly ChildReaper _reaper;

    private SandboxNetwork(NetworkService service, string ownerId, string namespacePath, FileLock holder, ChildReaper reaper, string address)
    {
        _service = service;
        _ownerId = ownerId;
        NamespacePath = namespacePath;
        _holder = holder;
        _reaper = reaper;
        Address = address;
    }

    /// <summary>The pinned namespace, for the runtime spec to join.</summary>
    public string NamespacePath { get; }

    /// <summary>The sandbox's address on the bridge.</summary>
    public string Address { get; }

    /// <summary>Makes the namespace in <paramref name="directory"/> and connects it; on failure nothing is left.</summary>
    public static async Task<SandboxNetwork> ConnectAsync(NetworkService service, string directory, string ownerId, CancellationToken ct)
    {
        var lockPath = Path.Combine(directory, "network.lock");
        var namespacePath = Path.Combine(directory, "netns");
        var holder = FileLock.Acquire(lockPath);
        var reaper = ChildReaper.ForChildren();
        try
        {
            NetworkNamespace.CreatePinned(namespacePath);
            try
            {
                var (_, endpoint) = await service.ConnectSandboxAsync(ownerId, lockPath, namespacePath, new ReapingToolRunner(reaper), ct).ConfigureAwait(false);
                return new SandboxNetwork(service, ownerId, namespacePath, holder, reaper, Ipv4Subnet.Format(endpoint.Address));
            }
            catch
            {
                NetworkNamespace.Release(namespacePath);
                throw;
            }
        }
        catch
        {
            reaper.Dispose();
            holder.Dispose();
            throw;
        }
    }

    /// <summary>Unpins the namespace (the kernel deletes the veth pair with it) and frees the address.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            NetworkNamespace.Release(NamespacePath);
            await _service.ReleaseAsync(_ownerId, null, new ReapingToolRunner(_reaper), CancellationToken.None, namespaceGone: true).ConfigureAwait(false);
        }
        finally
        {
            _reaper.Dispose();
            _holder.Dispose();
        }
    }
}
