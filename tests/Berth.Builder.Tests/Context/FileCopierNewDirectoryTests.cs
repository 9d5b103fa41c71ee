using Berth.Builder.Context;
using Berth.Linux;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

/// <summary>Copies into directories the copy itself makes, where names are known free without a lookup.</summary>
public sealed class FileCopierNewDirectoryTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _context;
    private readonly string _rootfs;

    public FileCopierNewDirectoryTests()
    {
        _context = TestFiles.Dir(_temp.Path, "context");
        _rootfs = TestFiles.Dir(_temp.Path, "rootfs");
    }

    public void Dispose() => _temp.Dispose();

    private Task CopyAsync(string destination, CopyOptions? options, params string[] sources) =>
        FileCopier.CopyAsync(_rootfs, sources.SelectMany(s => SourceSelector.Select(new CopySourceRoot(_context, IgnorePatterns.Empty, true), s, [])).ToList(),
            destination, options ?? new CopyOptions(), CancellationToken.None);

    private string In(string path) => Path.Combine(_rootfs, path.TrimStart('/'));

    [Fact]
    public async Task CopyAsync_TwoSourcesWithTheSameNameIntoANewDirectory_TheLaterReplacesTheEarlier()
    {
        TestFiles.Write(_context, "a/f", "from a");
        TestFiles.Write(_context, "a/sub/g", "from a");
        TestFiles.Write(_context, "b/f", "from b");
        TestFiles.Write(_context, "b/sub/g", "from b");
        await CopyAsync("/new/deep/", null, "a", "b");
        Assert.Equal("from b", File.ReadAllText(In("new/deep/f")));
        Assert.Equal("from b", File.ReadAllText(In("new/deep/sub/g")));
        Assert.Equal(["f", "sub/", "sub/g"], TestFiles.List(In("new/deep")));
    }

    [Fact]
    public async Task CopyAsync_ALinkWrittenIntoANewDirectory_IsFollowedByALaterSource()
    {
        TestFiles.Write(_context, "a/placeholder", "");
        TestFiles.Symlink(_context, "a/sub", "/elsewhere");
        TestFiles.Write(_context, "b/sub/g", "through the link");
        await CopyAsync("/new/", null, "a", "b");
        Assert.Equal(UnixFileType.SymbolicLink, FileStatus.Lstat(In("new/sub")).Type);
        Assert.Equal("through the link", File.ReadAllText(In("elsewhere/g")));
    }

    [Fact]
    public async Task CopyAsync_AFileThenADirectoryOfTheSameNameInANewDirectory_IsAConflict()
    {
        TestFiles.Write(_context, "a/x", "file");
        TestFiles.Write(_context, "b/x/y", "nested");
        var error = await Assert.ThrowsAsync<BerthException>(() => CopyAsync("/new/", null, "a", "b"));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task CopyAsync_ADirectoryThenAFileOfTheSameNameInANewDirectory_IsAConflict()
    {
        TestFiles.Write(_context, "a/x/y", "nested");
        TestFiles.Write(_context, "b/x", "file");
        var error = await Assert.ThrowsAsync<BerthException>(() => CopyAsync("/new/", null, "a", "b"));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("nested", File.ReadAllText(In("new/x/y")));
    }

    [Fact]
    public async Task AddAsync_AFileAfterAnArchiveUnpackedIntoANewDirectory_ReplacesWhatTheArchiveWrote()
    {
        var source = TestFiles.Dir(_temp.Path, "archive-src");
        TestFiles.Write(source, "a.txt", "from the archive");
        TestFiles.Run(source, "tar", "-cf", Path.Combine(_context, "app.tar"), "a.txt");
        TestFiles.Write(_context, "dir/a.txt", "from the context");
        await CopyAsync("/new/", new CopyOptions { IsAdd = true }, "app.tar", "dir");
        Assert.Equal("from the context", File.ReadAllText(In("new/a.txt")));
    }
}
