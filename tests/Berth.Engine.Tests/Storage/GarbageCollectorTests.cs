using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Engine.Tests.Support;

namespace Berth.Engine.Tests.Storage;

/// <summary>
/// What garbage collection does with active snapshots: a container's layer lives exactly as long as the
/// container's row (a crash after a removal that did not wait for the disk can bring a layer back without its
/// container), and any other active snapshot is left alone unless it is a dead unpack or build step.
/// </summary>
public sealed class GarbageCollectorTests : IDisposable
{
    private static readonly string OnRecord = new('a', 64), Orphan = new('b', 64);

    private readonly TempDirectory _root = new("berth-root-");
    private readonly TempDirectory _runRoot = new("berth-run-");

    [Fact]
    public void AContainerLayerWithoutItsContainer_IsCollected_AndOneOnRecordIsKept()
    {
        using var engine = BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path });
        engine.Snapshotter.Prepare(OnRecord, parent: null);
        engine.Snapshotter.Prepare(Orphan, parent: null);
        engine.Snapshotter.Prepare("extract-deadbeef", parent: null);
        engine.Snapshotter.Prepare("an-active-snapshot-of-another-kind", parent: null);
        // Almost a container ID: upper case is not what berth writes.
        var notAnId = new string('C', 64);
        engine.Snapshotter.Prepare(notAnId, parent: null);
        using (var store = new MetadataStore(engine.Layout.Database))
            store.Write(t => new ContainerTable(store).Insert(t, TestContainers.Record(OnRecord, "kept"), new ContainerState()));

        Assert.True(engine.System.CollectGarbage());

        Assert.Equal(
            [notAnId, OnRecord, "an-active-snapshot-of-another-kind"],
            engine.Snapshotter.Walk().Select(s => s.Key).Order(StringComparer.Ordinal));
    }


    public void Dispose()
    {
        _root.Dispose();
        _runRoot.Dispose();
    }
}
