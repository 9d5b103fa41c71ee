using Berth.Builder.Context;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

/// <summary>
/// A second COPY of a changed context linking what did not change from the first one's layer. Plain directories
/// stand for the layers: each rootfs is its own layer directory, as for a snapshot without parents.
/// </summary>
public sealed class ReusedFilesTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _context;
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);

    public ReusedFilesTests()
    {
        _context = TestFiles.Dir(_temp.Path, "context");
        TestFiles.Write(_context, "a.txt", "first a", (UnixFileMode)0x1A4);
        TestFiles.Write(_context, "sub/b.txt", "b stays", (UnixFileMode)0x1ED);
        TestFiles.Write(_context, "sub/c.txt", "c stays");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Hashes the context as the COPY's cache key does, then copies it to /app in a new rootfs.</summary>
    private async Task<(string Rootfs, ReusedFiles Reuse)> CopyAsync(string name, string? previous, IReadOnlyDictionary<string, string>? files,
        string? chmod = null)
    {
        var sources = SourceSelector.Select(new CopySourceRoot(_context, IgnorePatterns.Empty, true), ".", []);
        var hasher = new ContentHasher(_digests);
        hasher.Hash(sources);
        var rootfs = TestFiles.Dir(_temp.Path, name);
        var reuse = new ReusedFiles(rootfs, previous, files, hasher.KnownDigest);
        await FileCopier.CopyAsync(rootfs, sources, "/app/", new CopyOptions { Reuse = reuse, Chmod = chmod }, CancellationToken.None);
        return (rootfs, reuse);
    }

    private static ulong Inode(string path) => FileStatus.Lstat(path).Inode;

    [Fact]
    public async Task SecondCopy_LinksUnchangedFiles_AndCopiesTheChangedOne()
    {
        var (first, firstReuse) = await CopyAsync("first", null, null);
        Assert.Equal(0, firstReuse.Linked);
        Assert.Equal(["app/a.txt", "app/sub/b.txt", "app/sub/c.txt"], firstReuse.Written.Keys.Order(StringComparer.Ordinal));

        File.WriteAllText(Path.Combine(_context, "a.txt"), "second a, longer");
        var (second, reuse) = await CopyAsync("second", first, firstReuse.Written);

        Assert.Equal(2, reuse.Linked);
        Assert.Equal(Inode(Path.Combine(first, "app/sub/b.txt")), Inode(Path.Combine(second, "app/sub/b.txt")));
        Assert.Equal(0x1ED, (int)FileStatus.Lstat(Path.Combine(second, "app/sub/b.txt")).Permissions);
        Assert.NotEqual(Inode(Path.Combine(first, "app/a.txt")), Inode(Path.Combine(second, "app/a.txt")));
        Assert.Equal("second a, longer", File.ReadAllText(Path.Combine(second, "app/a.txt")));
        Assert.Equal("first a", File.ReadAllText(Path.Combine(first, "app/a.txt")));
        Assert.Equal(3, reuse.Written.Count);
        Assert.NotEqual(firstReuse.Written["app/a.txt"], reuse.Written["app/a.txt"]);
    }

    [Fact]
    public async Task FileWhoseRecordOrMetadataDiffers_IsCopied()
    {
        var (first, firstReuse) = await CopyAsync("first", null, null);
        var record = new Dictionary<string, string>(firstReuse.Written) { ["app/sub/c.txt"] = new string('0', 64) };

        // A different mode for every file: nothing in the earlier layer matches what this copy writes.
        var (_, chmodded) = await CopyAsync("chmod", first, record, chmod: "0600");
        Assert.Equal(0, chmodded.Linked);

        var (second, reuse) = await CopyAsync("second", first, record);
        Assert.Equal(2, reuse.Linked);
        Assert.NotEqual(Inode(Path.Combine(first, "app/sub/c.txt")), Inode(Path.Combine(second, "app/sub/c.txt")));
        Assert.Equal("c stays", File.ReadAllText(Path.Combine(second, "app/sub/c.txt")));
    }

    [Fact]
    public async Task FileWithExtendedAttributes_IsNeverLinked()
    {
        ExtendedAttributes.LSet(Path.Combine(_context, "a.txt"), "user.note", "kept"u8.ToArray());
        var (first, firstReuse) = await CopyAsync("first", null, null);
        var (second, reuse) = await CopyAsync("second", first, firstReuse.Written);

        Assert.Equal(2, reuse.Linked);
        Assert.NotEqual(Inode(Path.Combine(first, "app/a.txt")), Inode(Path.Combine(second, "app/a.txt")));
        Assert.Equal("kept"u8.ToArray(), ExtendedAttributes.LGet(Path.Combine(second, "app/a.txt"), "user.note"));
    }
}
