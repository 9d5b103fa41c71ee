using System.Diagnostics;
using Berth.Builder.Context;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

public sealed class ContentHasherTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<SelectedSource> Select(string source, string ignore = "") =>
        SourceSelector.Select(new CopySourceRoot(_temp.Path, IgnorePatterns.Parse(ignore), true), source, []);

    private Berth.Oci.Digest Hash(string source = ".", string ignore = "") => new ContentHasher().Hash(Select(source, ignore));

    [Fact]
    public void Hash_SameTreeTwice_IsTheSame()
    {
        TestFiles.Write(_temp.Path, "a/b.txt", "b");
        Assert.Equal(Hash(), Hash());
        Assert.StartsWith("sha256:", Hash().ToString());
    }

    [Fact]
    public void Hash_ContentChange_ChangesIt()
    {
        var file = TestFiles.Write(_temp.Path, "a.txt", "one");
        var before = Hash();
        File.WriteAllText(file, "two");
        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void Hash_MtimeAndOwnerChange_KeepIt()
    {
        var file = TestFiles.Write(_temp.Path, "a.txt", "one");
        var before = Hash();
        File.SetLastWriteTimeUtc(file, new DateTime(1999, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Ownership.Lchown(file, 42, 42);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void Hash_ModeRenameSymlinkTargetAndNewFile_EachChangeIt()
    {
        var file = TestFiles.Write(_temp.Path, "a.txt", "one", (UnixFileMode)0x1A4);
        TestFiles.Symlink(_temp.Path, "link", "a.txt");
        var seen = new HashSet<Berth.Oci.Digest> { Hash() };
        File.SetUnixFileMode(file, (UnixFileMode)0x1ED);
        Assert.True(seen.Add(Hash()), "mode");
        File.Delete(Path.Combine(_temp.Path, "link"));
        TestFiles.Symlink(_temp.Path, "link", "b.txt");
        Assert.True(seen.Add(Hash()), "link target");
        File.Move(file, Path.Combine(_temp.Path, "c.txt"));
        Assert.True(seen.Add(Hash()), "rename");
        TestFiles.Dir(_temp.Path, "empty");
        Assert.True(seen.Add(Hash()), "new directory");
    }

    [Fact]
    public void Hash_IgnoredFileChange_KeepsIt()
    {
        TestFiles.Write(_temp.Path, "a.txt", "one");
        var log = TestFiles.Write(_temp.Path, "debug.log", "x");
        var before = Hash(ignore: "*.log");
        File.WriteAllText(log, "changed");
        Assert.Equal(before, Hash(ignore: "*.log"));
        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void Hash_StatCacheHit_SkipsReadingContent()
    {
        var file = TestFiles.Write(_temp.Path, "a.txt", "one");
        var cache = new Dictionary<string, string>();
        var first = new ContentHasher(cache).Hash(Select("."));
        Assert.Single(cache);
        // Poison the cached digest: a second hash that still reads the file would not see the poison.
        var key = cache.Keys.Single();
        cache[key] = new string('f', 64);
        Assert.NotEqual(first, new ContentHasher(cache).Hash(Select(".")));
        // A real change alters the stat key, so the cache cannot hide it.
        File.WriteAllText(file, "longer content");
        Assert.Equal(Hash(), new ContentHasher(cache).Hash(Select(".")));
    }

    [Fact]
    public void Hash_ThousandFileContextUnchanged_HashesQuicklyFromTheStatCache()
    {
        for (var i = 0; i < 1000; i++) TestFiles.Write(_temp.Path, $"d{i % 10}/f{i}.txt", new string('x', 2000 + i));
        var cache = new Dictionary<string, string>();
        var sources = Select(".");
        var first = new ContentHasher(cache).Hash(sources);
        Assert.Equal(1000, cache.Count);
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(first, new ContentHasher(cache).Hash(sources));
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        // Generous for a shared CI machine; the point is that content is not re-read.
        Assert.True(best < TimeSpan.FromMilliseconds(250), $"took {best.TotalMilliseconds} ms");
    }

    [Fact]
    public void Hash_SourceName_IsPartOfIt()
    {
        TestFiles.Write(_temp.Path, "a.txt", "same");
        TestFiles.Write(_temp.Path, "b.txt", "same");
        Assert.NotEqual(Hash("a.txt"), Hash("b.txt"));
    }

    [Fact]
    public void Hash_SameSizeEditWithMtimeRestored_IsNotHiddenByTheStatCache()
    {
        var file = TestFiles.Write(_temp.Path, "a.txt", "aaa");
        var mtime = File.GetLastWriteTimeUtc(file);
        var cache = new Dictionary<string, string>();
        var before = new ContentHasher(cache).Hash(Select("."));
        Thread.Sleep(20);
        File.WriteAllText(file, "bbb");
        File.SetLastWriteTimeUtc(file, mtime);
        Assert.NotEqual(before, new ContentHasher(cache).Hash(Select(".")));
    }
}
