using System.Globalization;

namespace Berth.Snapshots.Tests;

/// <summary>
/// A fresh overlay store in a temp root for each test, with the paths of its on-disk layout and a one-call commit
/// of a layer: what the tests of the layout and of the key index share.
/// </summary>
public abstract class OverlayStoreTest : IDisposable
{
    private protected TempRoot Temp { get; } = new();

    protected OverlayStoreTest()
    {
        Root = Temp.Sub("overlay");
        Snapshotter = new OverlaySnapshotter(Root);
    }

    protected string Root { get; }

    protected OverlaySnapshotter Snapshotter { get; }

    /// <summary><c>snapshots/&lt;id&gt;/&lt;entry&gt;</c> of the store.</summary>
    protected string SnapshotPath(int id, string entry) =>
        Path.Combine(Root, "snapshots", id.ToString(CultureInfo.InvariantCulture), entry);

    /// <summary>Commits <paramref name="name"/> on <paramref name="parent"/> through an active snapshot "k-name".</summary>
    protected void Commit(string name, string? parent)
    {
        Snapshotter.Prepare("k-" + name, parent);
        Snapshotter.Commit(name, "k-" + name);
    }

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
