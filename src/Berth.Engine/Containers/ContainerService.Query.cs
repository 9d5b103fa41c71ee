using Berth.Engine.Images;
using Berth.Engine.Models;
using Berth.Engine.Networks;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary><c>berth ps</c>: newest first; running ones only unless <see cref="ContainerListOptions.All"/>.</summary>
    public Task<IReadOnlyList<ContainerSummary>> ListAsync(ContainerListOptions options, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var filter = ContainerFilter.Parse(options.Filters, pruning: false, now);
        var all = ListStored();
        var images = _images.AllImages();
        IEnumerable<StoredContainer> selected = all;
        // -n/-l imply -a, as in docker.
        if (options.Last >= 0) selected = selected.Take(options.Last);
        else if (!options.All && !options.Filters.Any(f => f.Key is "status" or "exited"))
            selected = selected.Where(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting);
        var summaries = selected.Where(c => filter.Matches(c, all, images)).Select(c => Summarize(c, options.Size, now)).ToList();
        return Task.FromResult<IReadOnlyList<ContainerSummary>>(summaries);
    }

    /// <summary><c>berth container inspect</c>: Docker's shape.</summary>
    public Task<ContainerInspect> InspectAsync(string input, bool size, CancellationToken ct)
    {
        var container = Get(input);
        var record = container.Record;
        var state = container.State;
        var paths = PathsOf(record.Id);
        return Task.FromResult(new ContainerInspect
        {
            Id = record.Id,
            Created = ImageService.FormatCreated(record.Created),
            Path = record.Path,
            Args = record.Args,
            State = new ContainerStateInfo
            {
                Status = ContainerStatusText.Name(state.Status),
                Running = state.Status is ContainerStatus.Running or ContainerStatus.Paused,
                Paused = state.Status == ContainerStatus.Paused,
                Restarting = state.Status == ContainerStatus.Restarting,
                OOMKilled = state.OomKilled,
                Dead = state.Status == ContainerStatus.Dead,
                Pid = state.Pid,
                ExitCode = state.ExitCode,
                Error = state.Error,
                StartedAt = ImageService.FormatCreated(state.StartedAt),
                FinishedAt = ImageService.FormatCreated(state.FinishedAt),
            },
            Image = record.ImageId,
            ResolvConfPath = paths.ResolvConfFile,
            HostnamePath = paths.HostnameFile,
            HostsPath = paths.HostsFile,
            LogPath = paths.LogFile,
            Name = "/" + record.Name,
            RestartCount = state.RestartCount,
            Driver = record.Driver,
            HostConfig = record.HostConfig,
            GraphDriver = GraphDriverOf(record),
            Mounts = record.Mounts,
            Config = record.Config,
            NetworkSettings = NetworkSettingsOf(record),
        });
    }

    internal IReadOnlyList<StoredContainer> ListStored() =>
        _metadata.Read(_containers.All).Select(Reconcile).ToList();

    private ContainerSummary Summarize(StoredContainer container, bool size, DateTimeOffset now)
    {
        var record = container.Record;
        var command = string.Join(' ', new[] { record.Path }.Concat(record.Args));
        long? sizeRw = null;
        long? sizeRoot = null;
        if (size && _snapshotter.Stat(record.Id) is not null)
        {
            sizeRw = _snapshotter.Usage(record.Id);
            sizeRoot = sizeRw + (_images.AllImages().FirstOrDefault(i => i.Id.ToString() == record.ImageId)?.Size ?? 0);
        }
        return new ContainerSummary
        {
            Id = record.Id,
            Names = ["/" + record.Name],
            Image = record.Config.Image,
            ImageID = record.ImageId,
            Command = command,
            Created = record.Created.ToUnixTimeSeconds(),
            SizeRw = sizeRw,
            SizeRootFs = sizeRoot,
            Labels = record.Config.Labels ?? new Dictionary<string, string>(),
            State = ContainerStatusText.Name(container.State.Status),
            Status = ContainerStatusText.Of(container.State, now),
            Mounts = record.Mounts,
            NetworkMode = record.HostConfig.NetworkMode,
            Networks = record.Networks is { Count: > 0 } joined ? [.. joined.Keys] : [record.HostConfig.NetworkMode],
        };
    }

    private GraphDriverData GraphDriverOf(ContainerRecord record)
    {
        var data = new Dictionary<string, string>();
        if (_snapshotter.Stat(record.Id) is not null)
        {
            var mounts = _snapshotter.Mounts(record.Id);
            foreach (var option in mounts.SelectMany(m => m.Options))
            {
                if (option.StartsWith("lowerdir=", StringComparison.Ordinal)) data["LowerDir"] = option["lowerdir=".Length..];
                else if (option.StartsWith("upperdir=", StringComparison.Ordinal)) data["UpperDir"] = option["upperdir=".Length..];
                else if (option.StartsWith("workdir=", StringComparison.Ordinal)) data["WorkDir"] = option["workdir=".Length..];
            }
            data["MergedDir"] = PathsOf(record.Id).Rootfs;
        }
        return new GraphDriverData(data, record.Driver);
    }

    // Docker's shape: one entry per network, filled with the endpoint while the container runs; the top-level
    // fields repeat the default bridge's endpoint only, and Ports lists every exposed port (null when unpublished).
    private NetworkSettingsInfo NetworkSettingsOf(ContainerRecord record)
    {
        var mode = record.HostConfig.NetworkMode;
        if (record.Networks is not { } joined)
        {
            var networks = mode.StartsWith("container:", StringComparison.Ordinal)
                ? new Dictionary<string, EndpointInfo>()
                : new Dictionary<string, EndpointInfo> { [mode] = new EndpointInfo() };
            return new NetworkSettingsInfo { Networks = networks };
        }
        var all = _networks.All();
        var endpoints = _networks.EndpointsOf(record.Id);
        var infos = new Dictionary<string, EndpointInfo>();
        foreach (var (name, settings) in joined)
        {
            var network = NetworkService.Find(all, name);
            var endpoint = endpoints.FirstOrDefault(e => e.NetworkId == network?.Id);
            var requested = settings.IPv4Address is { Length: > 0 } ip ? new EndpointIpamConfig { IPv4Address = ip } : null;
            infos[name] = endpoint is null || network is null
                ? new EndpointInfo { IPAMConfig = requested, NetworkID = network?.Id ?? "", Aliases = settings.Aliases.Count > 0 ? settings.Aliases : null }
                : new EndpointInfo
                {
                    IPAMConfig = requested,
                    NetworkID = network.Id,
                    EndpointID = endpoint.Id,
                    Gateway = network.Gateway ?? "",
                    IPAddress = Networking.Ipam.Ipv4Subnet.Format(endpoint.Address),
                    IPPrefixLen = Networking.Ipam.Ipv4Subnet.Parse(network.Subnet!).PrefixLength,
                    MacAddress = endpoint.Mac,
                    Aliases = endpoint.Aliases.Count > 0 ? endpoint.Aliases : null,
                };
        }
        // Docker fills Ports while the container has its network, and shows {} before and after.
        var ports = new Dictionary<string, IReadOnlyList<PortBinding>?>();
        if (endpoints.Count > 0)
        {
            foreach (var key in (record.Config.ExposedPorts ?? new Dictionary<string, Oci.EmptyObject>()).Keys) ports[key] = null;
        }
        foreach (var port in endpoints.FirstOrDefault()?.Ports ?? [])
        {
            var list = ports.TryGetValue(port.Key, out var existing) && existing is not null ? existing.ToList() : [];
            list.Add(new PortBinding(port.HostIp.Length > 0 ? port.HostIp : "0.0.0.0", port.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            ports[port.Key] = list;
        }
        var bridge = infos.TryGetValue(Networks.NetworkNames.Bridge, out var onBridge) ? onBridge : new EndpointInfo();
        return new NetworkSettingsInfo
        {
            Ports = ports,
            SandboxKey = endpoints.Count > 0 ? PathsOf(record.Id).NetnsFile : "",
            EndpointID = bridge.EndpointID,
            Gateway = bridge.Gateway,
            IPAddress = bridge.IPAddress,
            IPPrefixLen = bridge.IPPrefixLen,
            MacAddress = bridge.MacAddress,
            Networks = infos,
        };
    }
}
