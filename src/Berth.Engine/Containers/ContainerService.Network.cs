using Berth.Engine.Networks;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// For a bridge-mode container about to run: its endpoints allocated and its hosts files rewritten with its
    /// address (before the runtime binds them). Null for host, none and container: modes. The record is read
    /// again, so networks connected while it was stopped are joined.
    /// </summary>
    internal ContainerNetwork? AllocateNetwork(string id, ContainerPaths paths, ChildReaper reaper)
    {
        var record = _metadata.Read(t => _containers.ById(t, id))?.Record ?? throw ContainerLookup.NoSuch(id);
        var mode = NetworkModes.Parse(record.HostConfig.NetworkMode);
        if (mode.Kind != NetworkKind.Bridge || record.Networks is not { Count: > 0 }) return null;
        var network = _networks.Allocate(record, new ReapingToolRunner(reaper));
        try
        {
            var primary = network.Primary;
            HostFiles.Write(paths, record, mode, new HostAddressing(
                Networking.Ipam.Ipv4Subnet.Format(network.PrimaryEndpoint.Address), primary.Gateway!, network.EmbeddedDns));
        }
        catch
        {
            network.ReleaseAsync(CancellationToken.None).GetAwaiter().GetResult();
            throw;
        }
        return network;
    }
}
