using System.Text.RegularExpressions;
using Berth.Engine.Images;
using Berth.Engine.Models;
using Berth.Engine.Networks;
using Berth.Engine.Storage;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Options;
using Berth.Runtime.Spec;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private static readonly Regex ValidName = new("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>berth create</c>: records the container, prepares its writable layer on the image's top layer and
    /// writes its hosts files. Nothing runs yet. On any failure nothing is left behind.
    /// </summary>
    public Task<ContainerCreateResponse> CreateAsync(ContainerCreateRequest request, CancellationToken ct) => CreateAsync(request, null, ct);

    /// <summary>
    /// <c>berth create</c> for a container whose monitor was started ahead (<see cref="PrepareMonitor"/>): the
    /// container takes the ID the monitor was started for.
    /// </summary>
    public async Task<ContainerCreateResponse> CreateAsync(ContainerCreateRequest request, PendingMonitor? monitor, CancellationToken ct)
    {
        if (request.Name is { Length: > 0 } requested && !ValidName.IsMatch(requested))
            throw BerthException.Invalid($"Invalid container name ({requested}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        var host = SharedNamespaces.Check(request.HostConfig, request.Config.Hostname);
        if (host.MemorySwappiness is { } swappiness && swappiness is < 0 or > 100)
            throw BerthException.Invalid($"Invalid value: {swappiness}, valid memory swappiness range is 0-100");
        foreach (var mode in new[] { host.IpcMode, host.PidMode })
        {
            if (SharedNamespaces.JoinedContainer(mode) is { } donor) Get(donor);
        }
        var network = NetworkModes.Parse(host.NetworkMode);
        IReadOnlyDictionary<string, EndpointSettings>? networks = null;
        if (network.Kind == NetworkKind.Bridge)
        {
            (var name, networks) = _networks.JoinSettings(network.Network!, request.EndpointsConfig);
            network = network with { Network = name };
        }
        var runtimePath = RuntimeLookup.Resolve(host.Runtime);
        RestartPolicies.Validate(host.RestartPolicy, host.AutoRemove);

        using var storeLock = StoreLock.Shared(_layout.StoreLock, ct);
        var resolved = ImageResolver.Find(_images.AllImages(), request.Config.Image)
            ?? throw BerthException.NotFound($"No such image: {ImageResolver.NotFoundName(request.Config.Image)}");
        var imageConfig = await _images.ReadContainerConfigAsync(resolved.Image.Id, ct).ConfigureAwait(false);
        var config = ConfigMerger.Merge(request.Config, imageConfig, request.Config.Image);
        var (path, args) = ConfigMerger.Command(config);

        var id = monitor?.ContainerId ?? NewContainerId();
        var hostname = config.Hostname.Length > 0 ? config.Hostname
            : network.Kind == NetworkKind.Host || host.UTSMode == SharedNamespaces.Host ? Environment.MachineName : id[..12];
        config = config with { Hostname = hostname, AttachStdin = request.Config.AttachStdin };
        var paths = PathsOf(id);
        var warnings = new List<string>();
        if (network.Kind == NetworkKind.Host && host.PortBindings is { Count: > 0 })
            warnings.Add("Published ports are discarded when using host network mode");
        var record = new ContainerRecord
        {
            Id = id,
            Name = request.Name is { Length: > 0 } n ? n.TrimStart('/') : "",
            Created = _time.GetUtcNow(),
            ImageId = resolved.Image.Id.ToString(),
            ChainId = resolved.Image.ChainId?.ToString(),
            Path = path,
            Args = args,
            Config = config,
            // Docker keeps "default" for a run without --network; the endpoints name the bridge it stands for.
            HostConfig = host with
            {
                NetworkMode = host.NetworkMode is "" or "default" ? "default" : network.ToString(),
                // Docker records the paths at create, so inspect shows what the container will get.
                MaskedPaths = SystemPaths(host, host.MaskedPaths, DockerDefaults.MaskedPaths),
                ReadonlyPaths = SystemPaths(host, host.ReadonlyPaths, DockerDefaults.ReadonlyPaths),
            },
            Mounts = [],
            Driver = _snapshotter.Driver,
            RuntimePath = runtimePath,
            Networks = networks,
        };

        record = Insert(record, paths);
        try
        {
            _snapshotter.Prepare(id, record.ChainId);
            Directory.CreateDirectory(paths.Directory);
            HostFiles.Write(paths, record, network);
            File.WriteAllBytes(paths.LogFile, []);
        }
        catch
        {
            RemoveLeftovers(record.Id).GetAwaiter().GetResult();
            throw;
        }
        return new ContainerCreateResponse(id, warnings);
    }

    // None for a privileged container; none either with systempaths=unconfined; otherwise what was asked or Docker's.
    private static IReadOnlyList<string>? SystemPaths(HostConfig host, IReadOnlyList<string>? requested, IReadOnlyList<string> defaults)
    {
        if (host.Privileged) return null;
        if (SecurityOpt.Parse(host.SecurityOpt ?? []).UnconfinedSystemPaths) return [];
        return requested ?? defaults;
    }

    // 256 bits from the kernel's generator (getrandom), as Docker's IDs: RandomNumberGenerator would load OpenSSL,
    // several milliseconds of a run that needs nothing else from it.
    private static string NewContainerId() => SecureRandom.HexString(32);

    // The row goes in first, with its mounts planned (named volumes are created and marked as used in the same
    // transaction), so a name clash or a bad mount fails before anything touches the disk.
    private ContainerRecord Insert(ContainerRecord record, ContainerPaths paths)
    {
        var generateName = record.Name.Length == 0;
        // A row alone is worth as little as the state written after it (see UpdateState); one whose mounts may
        // create volumes is worth the volumes' data, so it waits for the disk.
        var host = record.HostConfig;
        var mayCreateVolumes = host.Binds is { Count: > 0 } || host.Mounts is { Count: > 0 } || host.VolumesFrom is { Count: > 0 }
            || record.Config.Volumes is { Count: > 0 };
        for (var attempt = 0; ; attempt++)
        {
            var candidate = generateName ? record with { Name = NameGenerator.Next() } : record;
            try
            {
                return _metadata.Write(t =>
                {
                    // Insert refuses a taken name. Volume uses refer to the row, so it exists before the mounts are planned.
                    _containers.Insert(t, candidate, new ContainerState());
                    var mounts = MountPlanner.Plan(candidate, _volumes, t, name => ContainerLookup.Get(_containers, t, name).Record);
                    // Most containers mount nothing: their row is already what it should be.
                    if (mounts.Count == 0) return candidate;
                    var withMounts = candidate with { Mounts = mounts };
                    _containers.SetRecord(t, withMounts);
                    return withMounts;
                }, waitForDisk: mayCreateVolumes);
            }
            catch (BerthException e) when (generateName && e.Kind == ErrorKind.Conflict && attempt < 10)
            {
            }
        }
    }

    // Undoes a create that failed half-way, or finishes a remove: snapshot, files and row, each only if present.
    // The row outlasts a runtime delete still under way, so a crash never leaves runtime state that no container
    // owns, and it outlasts the snapshot in the store. The bundle goes beside the runtime delete: the runtime keeps
    // what its delete needs in its own state, and Berth's specs have no hooks that could read the bundle. A remove
    // may have started taking the snapshot out already (layerRemoval, as RemoveLayer). Returns the deletion of the
    // layer's files, which may still be under way: the snapshot itself is gone from the store already.
    private Task RemoveLeftovers(string id, Task? runtimeDeletion = null, Task<Task>? layerRemoval = null)
    {
        var paths = PathsOf(id);
        layerRemoval ??= Task.FromResult(RemoveLayer(id));
        if (Directory.Exists(paths.Directory)) Directory.Delete(paths.Directory, recursive: true);
        if (Directory.Exists(paths.Bundle)) Directory.Delete(paths.Bundle, recursive: true);
        runtimeDeletion?.GetAwaiter().GetResult();
        var layerDeletion = layerRemoval.GetAwaiter().GetResult();
        _metadata.Write(t =>
        {
            _volumes.ReleaseContainer(t, id);
            _containers.Delete(t, id);
        }, waitForDisk: false);
        return layerDeletion;
    }

    // Takes the container's writable layer out of the store, if it is there; returns the deletion of its files.
    private Task RemoveLayer(string id) => _snapshotter.Stat(id) is not null ? _snapshotter.RemoveAsync(id) : Task.CompletedTask;
}
