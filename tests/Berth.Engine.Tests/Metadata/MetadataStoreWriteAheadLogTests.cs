using Berth.Engine.Metadata;
using Berth.Engine.Tests.Support;
using Berth.Oci;

namespace Berth.Engine.Tests.Metadata;

/// <summary>
/// Each berth process opens and closes the database; the write-ahead log stays between them instead of being
/// checkpointed and deleted by every last close and created again by the next writer.
/// </summary>
public sealed class MetadataStoreWriteAheadLogTests
{
    private static ImageRecord Image(int n) => new()
    {
        Id = Digest.Compute(BitConverter.GetBytes(n)),
        ManifestDigest = Digest.Compute(BitConverter.GetBytes(-n)),
        Added = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Size = n,
    };

    [Fact]
    public void LastClose_LeavesTheLogInPlace_AndTheNextOpenReadsThroughIt()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "berth.db");
        using (var first = new MetadataStore(db))
            first.Write(t => new ImageTable(first).Insert(t, Image(1)));

        var log = db + "-wal";
        Assert.True(File.Exists(log), "the write-ahead log was deleted when the last connection closed");
        Assert.True(new FileInfo(log).Length > 0, "the commit should still be in the log, not checkpointed at close");

        using (var second = new MetadataStore(db))
        {
            second.Write(t => new ImageTable(second).Insert(t, Image(2)));
            Assert.Equal([1L, 2L], second.Read(new ImageTable(second).All).Select(i => i.Size).Order());
        }
        using var third = new MetadataStore(db);
        Assert.Equal(2, third.Read(new ImageTable(third).All).Count);
        Assert.Empty(third.IntegrityCheck());
    }

    [Fact]
    public void ManyCommits_AreCheckpointedOnceTheLogOutgrowsItsThreshold()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "berth.db");
        var log = db + "-wal";
        const int Commits = 900;
        long largest = 0;
        for (var opened = 0; opened < Commits; opened += 100)
        {
            using var store = new MetadataStore(db);
            var table = new ImageTable(store);
            for (var n = opened; n < opened + 100; n++)
            {
                // Without waiting for the disk, as most of a run's commits: a few pages each, far past the
                // checkpoint threshold in all.
                store.Write(t => table.Insert(t, Image(n)), waitForDisk: false);
                largest = Math.Max(largest, new FileInfo(log).Length);
            }
        }
        using var check = new MetadataStore(db);
        Assert.Equal(Commits, check.Read(new ImageTable(check).All).Count);
        Assert.Empty(check.IntegrityCheck());
        // Checkpointed along the way: the log restarts from its beginning instead of growing with every commit,
        // and the rows reached the database file itself.
        // Frames past the checkpoint threshold are what the next first opener reads back: a few hundred KiB.
        Assert.True(largest < 100L * (4096 + 24), $"the log grew to {largest} bytes");
        Assert.True(new FileInfo(db).Length > 16 * 4096, $"the database file has {new FileInfo(db).Length} bytes: nothing was checkpointed into it");
    }
}
