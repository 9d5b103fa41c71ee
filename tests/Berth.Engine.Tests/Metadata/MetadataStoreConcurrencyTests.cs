using Berth.Engine.Metadata;
using Berth.Engine.Tests.Support;
using Berth.Oci;

namespace Berth.Engine.Tests.Metadata;

/// <summary>
/// Several processes share one database; here several threads each open their own <see cref="MetadataStore"/>
/// (their own connection) on one file, as separate <c>berth</c> processes would.
/// </summary>
public sealed class MetadataStoreConcurrencyTests
{
    private const int Threads = 8;
    private const int Iterations = 40;
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ImageRecord Image(int n) => new()
    {
        Id = Digest.Compute(BitConverter.GetBytes(n)),
        ManifestDigest = Digest.Compute(BitConverter.GetBytes(-n)),
        Added = T0,
        Size = n,
    };

    private static void RunThreads(Action<int> body)
    {
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(i);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
    }

    [Fact]
    public void TagAndUntag_FromManyStores_LosesNoWrite()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "berth.db");
        using (var setup = new MetadataStore(db))
        {
            var table = new ImageTable(setup);
            setup.Write(t => { table.Insert(t, Image(1)); table.Insert(t, Image(2)); });
        }

        RunThreads(thread =>
        {
            using var store = new MetadataStore(db);
            var table = new ImageTable(store);
            for (var i = 0; i < Iterations; i++)
            {
                var target = Image(1 + (i % 2)).Id;
                store.Write(t => table.SetName(t, $"docker.io/library/t{thread}:{i}", target, false, T0));
                if (i % 3 == 0) store.Write(t => Assert.True(table.RemoveName(t, $"docker.io/library/t{thread}:{i}")));
                // A shared name moved back and forth between the two images by every thread.
                store.Write(t => table.SetName(t, "docker.io/library/shared:latest", target, false, T0));
            }
        });

        using var check = new MetadataStore(db);
        var images = check.Read(new ImageTable(check).All);
        var names = images.SelectMany(i => i.Names).Select(n => n.Name).ToHashSet();
        var expected = Enumerable.Range(0, Threads)
            .SelectMany(th => Enumerable.Range(0, Iterations).Where(i => i % 3 != 0).Select(i => $"docker.io/library/t{th}:{i}"))
            .Append("docker.io/library/shared:latest")
            .ToHashSet();
        Assert.Equal(expected, names);
        foreach (var thread in Enumerable.Range(0, Threads))
        {
            foreach (var i in Enumerable.Range(0, Iterations).Where(i => i % 3 != 0))
                Assert.Contains(images[i % 2].Names, n => n.Name == $"docker.io/library/t{thread}:{i}");
        }
        Assert.Empty(check.IntegrityCheck());
    }

    [Fact]
    public void ReadModifyWrite_InOneTransaction_IsNeverInterleaved()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "berth.db");
        using (var setup = new MetadataStore(db))
        {
            var table = new ImageTable(setup);
            setup.Write(t => table.Insert(t, Image(1)));
        }

        // Each transaction reads how many names exist and adds the next one: an interleaving would write the
        // same name twice and the final count would fall short.
        RunThreads(_ =>
        {
            using var store = new MetadataStore(db);
            var table = new ImageTable(store);
            for (var i = 0; i < Iterations; i++)
            {
                store.Write(t =>
                {
                    var count = table.All(t).Sum(image => image.Names.Count);
                    table.SetName(t, $"docker.io/library/n:{count}", Image(1).Id, false, T0);
                });
            }
        });

        using var check = new MetadataStore(db);
        var all = check.Read(new ImageTable(check).All);
        Assert.Equal(Threads * Iterations, all.Single().Names.Count);
        Assert.Empty(check.IntegrityCheck());
    }

    [Fact]
    public void Write_ThatThrows_RollsBack()
    {
        using var dir = new TempDirectory();
        using var store = new MetadataStore(Path.Combine(dir.Path, "berth.db"));
        var table = new ImageTable(store);
        Assert.Throws<InvalidOperationException>(() => store.Write(t =>
        {
            table.Insert(t, Image(1));
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(store.Read(table.All));
    }

    [Fact]
    public void DeletingAnImage_CascadesToItsNames()
    {
        using var dir = new TempDirectory();
        using var store = new MetadataStore(Path.Combine(dir.Path, "berth.db"));
        var table = new ImageTable(store);
        store.Write(t =>
        {
            table.Insert(t, Image(1));
            table.SetName(t, "docker.io/library/a:latest", Image(1).Id, false, T0);
        });
        store.Write(t => table.Delete(t, Image(1).Id));
        Assert.Null(store.Read(t => table.ImageIdOfName(t, "docker.io/library/a:latest")));
    }
}
