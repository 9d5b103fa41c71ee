using Berth.Builder.Context;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

/// <summary>Destinations that point out of the rootfs through symlinks must land inside it.</summary>
public sealed class FileCopierEscapeTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _context;
    private readonly string _rootfs;
    private readonly string _host;

    public FileCopierEscapeTests()
    {
        _context = TestFiles.Dir(_temp.Path, "context");
        _rootfs = TestFiles.Dir(_temp.Path, "rootfs");
        // Stands in for the host: what a link climbing out of the rootfs would reach.
        _host = TestFiles.Dir(_temp.Path, "etc");
        TestFiles.Write(_context, "passwd", "evil");
        TestFiles.Write(_context, "tree/passwd", "evil");
    }

    public void Dispose() => _temp.Dispose();

    private Task CopyAsync(string source, string destination) =>
        FileCopier.CopyAsync(_rootfs, SourceSelector.Select(new CopySourceRoot(_context, IgnorePatterns.Empty, true), source, []),
            destination, new CopyOptions(), CancellationToken.None);

    [Theory]
    [InlineData("/etc")]
    [InlineData("../../etc")]
    [InlineData("../../../../../../etc")]
    public async Task CopyAsync_DestinationDirectoryIsALinkOut_StaysInTheRootfs(string target)
    {
        TestFiles.Symlink(_rootfs, "app", target);
        await CopyAsync("passwd", "/app/");
        Assert.Equal("evil", File.ReadAllText(Path.Combine(_rootfs, "etc/passwd")));
        Assert.Empty(Directory.GetFileSystemEntries(_host));
        Assert.Equal(UnixFileType.SymbolicLink, FileStatus.Lstat(Path.Combine(_rootfs, "app")).Type);
    }

    [Fact]
    public async Task CopyAsync_DestinationFileIsALinkOut_WritesTheRootfsTarget()
    {
        TestFiles.Dir(_rootfs, "etc");
        TestFiles.Symlink(_rootfs, "conf", "../../etc/passwd");
        await CopyAsync("passwd", "/conf");
        Assert.Equal("evil", File.ReadAllText(Path.Combine(_rootfs, "etc/passwd")));
        Assert.Empty(Directory.GetFileSystemEntries(_host));
    }

    [Fact]
    public async Task CopyAsync_LinkInsideADirectoryCopy_IsFollowedInsideTheRootfs()
    {
        TestFiles.Dir(_rootfs, "out");
        TestFiles.Symlink(_rootfs, "out/tree", "/../../etc");
        await CopyAsync(".", "/out/");
        Assert.Equal("evil", File.ReadAllText(Path.Combine(_rootfs, "etc/passwd")));
        Assert.Empty(Directory.GetFileSystemEntries(_host));
    }

    [Fact]
    public async Task CopyAsync_ParentOfDestinationIsALinkOut_StaysInTheRootfs()
    {
        TestFiles.Symlink(_rootfs, "usr", "../../..");
        await CopyAsync("passwd", "/usr/etc/passwd");
        Assert.Equal("evil", File.ReadAllText(Path.Combine(_rootfs, "etc/passwd")));
        Assert.Empty(Directory.GetFileSystemEntries(_host));
    }

    [Fact]
    public async Task CopyAsync_ExistingFileInTreeIsALinkOut_IsReplacedNotFollowed()
    {
        TestFiles.Dir(_rootfs, "out/tree");
        TestFiles.Write(_host, "passwd", "host");
        File.Delete(Path.Combine(_host, "passwd"));
        TestFiles.Symlink(_rootfs, "out/tree/passwd", Path.Combine(_host, "passwd"));
        await CopyAsync("tree", "/out/tree");
        Assert.Equal(UnixFileType.RegularFile, FileStatus.Lstat(Path.Combine(_rootfs, "out/tree/passwd")).Type);
        Assert.Empty(Directory.GetFileSystemEntries(_host));
    }
}
