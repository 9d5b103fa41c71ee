using Berth.Engine.Metadata;
using Berth.Engine.Tests.Support;

namespace Berth.Engine.Tests.Metadata;

/// <summary>A write that waits for the disk commits with SQLite's FULL sync, whatever the writes before it asked.</summary>
public sealed class MetadataStoreSyncTests
{
    private const long Normal = 1, Full = 2;

    [Fact]
    public void EachWrite_CommitsWithTheSyncItAsksFor_InAnyOrder()
    {
        using var dir = new TempDirectory();
        using var store = new MetadataStore(Path.Combine(dir.Path, "berth.db"));

        bool[] waits = [false, false, true, true, false, true];
        var seen = waits.Select(wait => store.Write(t => SyncSetting(store, t), waitForDisk: wait)).ToList();

        Assert.Equal(waits.Select(wait => wait ? Full : Normal), seen);
    }

    private static long SyncSetting(MetadataStore store, MetadataTransaction transaction)
    {
        using var query = store.Command(transaction, "PRAGMA synchronous");
        return Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
