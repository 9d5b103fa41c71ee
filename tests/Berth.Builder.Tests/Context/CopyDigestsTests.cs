using System.Security.Cryptography;
using System.Text;
using Berth.Builder.Context;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

public sealed class CopyDigestsTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _context;
    private readonly string _rootfs;

    public CopyDigestsTests()
    {
        _context = TestFiles.Dir(_temp.Path, "context");
        _rootfs = TestFiles.Dir(_temp.Path, "rootfs");
    }

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<SelectedSource> Select(string source) =>
        SourceSelector.Select(new CopySourceRoot(_context, IgnorePatterns.Empty, true), source, []);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task CopyAsync_WithDigests_NotesEveryCopiedFileUnderItsStat()
    {
        var a = TestFiles.Write(_context, "a.txt", "alpha");
        var b = TestFiles.Write(_context, "dir/b.txt", new string('b', 300_000));
        var empty = TestFiles.Write(_context, "dir/empty", "");
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasher = new ContentHasher(cache);
        await FileCopier.CopyAsync(_rootfs, Select("."), "/app/", new CopyOptions { Digests = hasher }, CancellationToken.None);

        Assert.Equal(Sha256("alpha"), hasher.KnownDigest(a, FileStatus.Lstat(a)));
        Assert.Equal(Sha256(new string('b', 300_000)), hasher.KnownDigest(b, FileStatus.Lstat(b)));
        Assert.Equal(Sha256(""), hasher.KnownDigest(empty, FileStatus.Lstat(empty)));
        Assert.Equal(3, cache.Count);
        // The key taken from the noted digests is the one a fresh hasher reads the files for.
        Assert.Equal(new ContentHasher().Hash(Select(".")), hasher.Hash(Select(".")));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task CopyAsync_WithoutDigests_NotesNothing()
    {
        TestFiles.Write(_context, "a.txt", "alpha");
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        await FileCopier.CopyAsync(_rootfs, Select("a.txt"), "/a.txt", new CopyOptions(), CancellationToken.None);
        Assert.Empty(cache);
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(_rootfs, "a.txt")));
    }

    [Fact]
    public async Task Hash_AfterTheCopy_DescribesWhatWasCopied_AndAFreshHashSeesALaterEdit()
    {
        var a = TestFiles.Write(_context, "dir/a.txt", "one");
        var original = new ContentHasher().Hash(Select("dir"));
        var selected = Select("dir");
        var hasher = new ContentHasher();
        await FileCopier.CopyAsync(_rootfs, selected, "/dir/", new CopyOptions { Digests = hasher }, CancellationToken.None);
        var mtime = File.GetLastWriteTimeUtc(a);
        // Same size and mtime: only the ctime tells the edit apart, as for any digest kept by stat.
        File.WriteAllText(a, "two");
        File.SetLastWriteTimeUtc(a, mtime);

        Assert.Equal("one", File.ReadAllText(Path.Combine(_rootfs, "dir", "a.txt")));
        Assert.Equal(original, hasher.Hash(selected));
        Assert.Null(hasher.KnownDigest(a, FileStatus.Lstat(a)));
        Assert.NotEqual(original, new ContentHasher().Hash(Select("dir")));
    }
}
