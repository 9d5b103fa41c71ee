using Berth.Content;
using Berth.Distribution;
using Berth.Engine.Builds;
using Berth.Engine.Registry;
using Berth.Engine.Containers;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Networks;
using Berth.Engine.Storage;
using Berth.Engine.SystemInfo;
using Berth.Engine.Volumes;
using Berth.Snapshots;

namespace Berth.Engine;

/// <summary>
/// The engine on one state root: opens the metadata database, content store and snapshotter and hands out
/// the services the CLI (and later the API) call. Each <c>berth</c> process opens one engine and disposes it.
/// </summary>
public sealed class BerthEngine : IDisposable
{
    private readonly MetadataStore _metadata;
    private readonly Lazy<RegistryClient> _registryClient;

    private BerthEngine(EngineOptions options)
    {
        Options = options;
        Layout = new StateLayout(options.Root, options.RunRoot, options.StorageDriver);
        Layout.Create();
        _metadata = new MetadataStore(Layout.Database);
        Content = new LocalContentStore(Layout.Content);
        Snapshotter = Snapshotters.Create(options.StorageDriver, Layout.Snapshots);
        var images = new ImageTable(_metadata);
        var unpacker = new LayerUnpacker(Snapshotter, Content, Math.Max(1, options.MaxConcurrentDownloads));
        var collector = new GarbageCollector(_metadata, images, new BuildCacheTable(_metadata), Content, Snapshotter, Layout);
        var credentials = new DockerConfigCredentialStore();
        // The HTTP stack is built on first use only: most commands never talk to a registry.
        _registryClient = new Lazy<RegistryClient>(() => new RegistryClient(options.Registry, credentials));
        Images = new ImageService(_metadata, images, Content, unpacker, collector, Layout, options, () => _registryClient.Value);
        Registry = new RegistryService(() => _registryClient.Value, credentials);
        Volumes = new VolumeService(_metadata, Layout, options);
        var containers = new ContainerTable(_metadata);
        Networks = new NetworkService(_metadata, containers, Layout, options);
        Containers = new ContainerService(_metadata, containers, Images, Volumes, Networks, Snapshotter, Layout, options);
        Builds = new BuildService(Images, Snapshotter, Content, _metadata, Layout, options, Networks);
        System = new SystemService(_metadata, images, Content, Snapshotter, unpacker, collector, Layout, options);
    }

    public EngineOptions Options { get; }
    public ImageService Images { get; }
    public SystemService System { get; }
    public RegistryService Registry { get; }
    public VolumeService Volumes { get; }
    public ContainerService Containers { get; }
    public BuildService Builds { get; }
    public NetworkService Networks { get; }

    internal StateLayout Layout { get; }

    /// <summary>The metadata database, for services that join one transaction (a container and its volumes).</summary>
    internal MetadataStore Metadata => _metadata;
    internal LocalContentStore Content { get; }
    internal ISnapshotter Snapshotter { get; }

    public static BerthEngine Open(EngineOptions options)
    {
        try
        {
            return new BerthEngine(options);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new Oci.BerthException(Oci.ErrorKind.PermissionDenied,
                $"cannot open state root {options.Root}: {e.Message} (run as root or pass --root)", e);
        }
    }

    public void Dispose()
    {
        if (_registryClient.IsValueCreated) _registryClient.Value.Dispose();
        _metadata.Dispose();
    }
}
