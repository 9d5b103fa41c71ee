namespace Berth.Snapshots.Tests;

public sealed class OverlaySnapshotterTests : SnapshotterConformance
{
    protected override string DriverName => "overlay";

    protected override ISnapshotter Open(string directory) => new OverlaySnapshotter(directory);
}
