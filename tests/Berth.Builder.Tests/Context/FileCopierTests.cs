using Berth.Builder.Context;
using Berth.Linux;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

public sealed class FileCopierTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _context;
    private readonly string _rootfs;

    public FileCopierTests()
    {
        _context = TestFiles.Dir(_temp.Path, "context");
        _rootfs = TestFiles.Dir(_temp.Path, "rootfs");
    }

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<SelectedSource> Select(string source, params string[] excludes) =>
        SourceSelector.Select(new CopySourceRoot(_context, IgnorePatterns.Empty, true), source, excludes);

    private Task CopyAsync(string destination, CopyOptions? options = null, params string[] sources) =>
        FileCopier.CopyAsync(_rootfs, sources.SelectMany(s => Select(s)).ToList(), destination, options ?? new CopyOptions(), CancellationToken.None);

    private string In(string path) => Path.Combine(_rootfs, path.TrimStart('/'));

    private static int Mode(string path) => (int)FileStatus.Lstat(path).Permissions & 0xFFF;

    [Fact]
    public async Task CopyAsync_FileToPathWithoutSlash_IsThatFile()
    {
        TestFiles.Write(_context, "a.txt", "hello", (UnixFileMode)0x1A4);
        await CopyAsync("/opt/b.txt", null, "a.txt");
        Assert.Equal("hello", File.ReadAllText(In("opt/b.txt")));
        Assert.Equal(0x1ED, Mode(In("opt"))); // created parents are 0755
    }

    [Fact]
    public async Task CopyAsync_FileToPathWithSlash_GoesInside()
    {
        TestFiles.Write(_context, "dir/a.txt", "hello");
        await CopyAsync("/opt/", null, "dir/a.txt");
        Assert.Equal("hello", File.ReadAllText(In("opt/a.txt")));
    }

    [Fact]
    public async Task CopyAsync_FileToExistingDirectoryWithoutSlash_GoesInside()
    {
        TestFiles.Write(_context, "a.txt", "hello");
        TestFiles.Dir(_rootfs, "opt");
        await CopyAsync("/opt", null, "a.txt");
        Assert.Equal("hello", File.ReadAllText(In("opt/a.txt")));
    }

    [Fact]
    public async Task CopyAsync_Directory_CopiesItsContentNotItself()
    {
        TestFiles.Write(_context, "src/a.txt", "a");
        TestFiles.Write(_context, "src/sub/b.txt", "b");
        await CopyAsync("/app", null, "src");
        Assert.Equal(["a.txt", "sub/", "sub/b.txt"], TestFiles.List(In("app")));
    }

    [Fact]
    public async Task CopyAsync_SeveralSourcesWithoutSlash_FailsWithDockersMessage()
    {
        TestFiles.Write(_context, "a");
        TestFiles.Write(_context, "b");
        var error = await Assert.ThrowsAsync<BerthException>(() => CopyAsync("/dest", null, "a", "b"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("When using COPY with more than one source file, the destination must be a directory and end with a /", error.Message);
        Assert.False(Directory.Exists(In("dest")));
    }

    [Fact]
    public async Task CopyAsync_SeveralSourcesWithSlash_AllLandInside()
    {
        TestFiles.Write(_context, "a", "1");
        TestFiles.Write(_context, "d/b", "2");
        await CopyAsync("/dest/", null, "a", "d/b");
        Assert.Equal(["a", "b"], TestFiles.List(In("dest")));
    }

    [Fact]
    public async Task CopyAsync_WildcardMatchingSeveral_TreatsDestinationAsDirectory()
    {
        TestFiles.Write(_context, "x1.txt");
        TestFiles.Write(_context, "x2.txt");
        await CopyAsync("/dest", null, "x*.txt");
        Assert.Equal(["x1.txt", "x2.txt"], TestFiles.List(In("dest")));
    }

    [Fact]
    public async Task CopyAsync_KeepsModeAndMtime_OwnerIsRoot()
    {
        var file = TestFiles.Write(_context, "tool.sh", "#!/bin/sh", (UnixFileMode)0x1E9); // 0751
        var time = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, time);
        Ownership.Lchown(file, 1234, 4321);
        await CopyAsync("/bin/", null, "tool.sh");
        var status = FileStatus.Lstat(In("bin/tool.sh"));
        Assert.Equal(0x1E9, (int)status.Permissions & 0xFFF);
        Assert.Equal(0u, status.Uid);
        Assert.Equal(0u, status.Gid);
        Assert.Equal(time, status.ModificationTime.ToDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task CopyAsync_Chown_OwnsFilesAndCreatedParents()
    {
        TestFiles.Write(_context, "src/a.txt");
        TestFiles.Write(_context, "src/sub/b.txt");
        TestFiles.Dir(_rootfs, "existing");
        await CopyAsync("/existing/new/deeper/", new CopyOptions { Uid = 1000, Gid = 2000 }, "src");
        foreach (var path in new[] { "existing/new", "existing/new/deeper", "existing/new/deeper/a.txt", "existing/new/deeper/sub", "existing/new/deeper/sub/b.txt" })
        {
            var status = FileStatus.Lstat(In(path));
            Assert.True(status.Uid == 1000 && status.Gid == 2000, $"{path} is {status.Uid}:{status.Gid}");
        }
        Assert.Equal(0u, FileStatus.Lstat(In("existing")).Uid);
    }

    [Fact]
    public async Task CopyAsync_ChownUserOnly_UsesItAsGroupToo()
    {
        TestFiles.Write(_context, "a");
        await CopyAsync("/a", new CopyOptions { Uid = 77 }, "a");
        var status = FileStatus.Lstat(In("a"));
        Assert.Equal((77u, 77u), (status.Uid, status.Gid));
    }

    [Theory]
    [InlineData("0640", 0x1A4, 0x1A0, 0x1A0)]
    [InlineData("755", 0x1A4, 0x1ED, 0x1ED)]
    [InlineData("000644", 0x1ED, 0x1A4, 0x1A4)]
    [InlineData("u+x,g-r", 0x1A4, 0x1E4 & ~0x20, 0x1ED & ~0x20)]
    [InlineData("a=rX", 0x1A4, 0x124, 0x16D)]
    [InlineData("go=u", 0x1C0, 0x1FF, 0x1FF)]
    public async Task CopyAsync_Chmod_AppliesToFilesAndDirectories(string chmod, int fileMode, int expectedFile, int expectedDirectory)
    {
        TestFiles.Write(_context, "src/f", "x", (UnixFileMode)fileMode);
        File.SetUnixFileMode(Path.Combine(_context, "src"), (UnixFileMode)(fileMode == 0x1C0 ? 0x1C0 : 0x1ED));
        TestFiles.Dir(_context, "src/d");
        File.SetUnixFileMode(Path.Combine(_context, "src/d"), (UnixFileMode)(fileMode == 0x1C0 ? 0x1C0 : 0x1ED));
        await CopyAsync("/out", new CopyOptions { Chmod = chmod }, "src");
        Assert.Equal(Convert.ToString(expectedFile, 8), Convert.ToString(Mode(In("out/f")), 8));
        Assert.Equal(Convert.ToString(expectedDirectory, 8), Convert.ToString(Mode(In("out/d")), 8));
    }

    [Theory]
    [InlineData("9")]
    [InlineData("10000")]
    [InlineData("077777")]
    [InlineData("u*x")]
    [InlineData("")]
    public async Task CopyAsync_BadChmod_Fails(string chmod)
    {
        TestFiles.Write(_context, "a");
        var error = await Assert.ThrowsAsync<BerthException>(() => CopyAsync("/a", new CopyOptions { Chmod = chmod }, "a"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal($"invalid chmod parameter: '{chmod}'. it should be octal string and between 0 and 07777", error.Message);
        Assert.False(File.Exists(In("a")));
    }

    [Fact]
    public async Task CopyAsync_Parents_KeepsTheSourcePaths()
    {
        TestFiles.Write(_context, "x/y/a.txt", "a");
        TestFiles.Write(_context, "x/z/b.txt", "b");
        var sources = Select("x/*/*.txt");
        await FileCopier.CopyAsync(_rootfs, sources, "/dst/", new CopyOptions { Parents = true }, CancellationToken.None);
        Assert.Equal(["x/", "x/y/", "x/y/a.txt", "x/z/", "x/z/b.txt"], TestFiles.List(In("dst")));
    }

    [Fact]
    public async Task CopyAsync_ParentsWithPivot_KeepsOnlyThePathBelowIt()
    {
        TestFiles.Write(_context, "src/app/main.go", "package main");
        await FileCopier.CopyAsync(_rootfs, Select("src/./app/main.go"), "/dst/", new CopyOptions { Parents = true }, CancellationToken.None);
        Assert.Equal(["app/", "app/main.go"], TestFiles.List(In("dst")));
    }

    [Fact]
    public async Task CopyAsync_Symlinks_AreCopiedAsSymlinks()
    {
        TestFiles.Write(_context, "src/real", "r");
        TestFiles.Symlink(_context, "src/link", "real");
        TestFiles.Symlink(_context, "src/abs", "/etc/passwd");
        await CopyAsync("/out", null, "src");
        Assert.Equal("real", Links.ReadLink(In("out/link")));
        Assert.Equal("/etc/passwd", Links.ReadLink(In("out/abs")));
    }

    [Fact]
    public async Task CopyAsync_HardLinksWithinOneCopy_StayLinked()
    {
        var first = TestFiles.Write(_context, "src/a", "same");
        Links.HardLink(first, Path.Combine(_context, "src/b"));
        await CopyAsync("/out", null, "src");
        var a = FileStatus.Lstat(In("out/a"));
        var b = FileStatus.Lstat(In("out/b"));
        Assert.Equal(a.Inode, b.Inode);
        Assert.Equal(2u, a.LinkCount);
    }

    [Fact]
    public async Task CopyAsync_FifoSocketAndDevice_AreRecreated()
    {
        TestFiles.Dir(_context, "src");
        DeviceNodes.MakeNode(Path.Combine(_context, "src/fifo"), UnixFileType.Fifo, (UnixFileMode)0x1A4, 0, 0);
        DeviceNodes.MakeNode(Path.Combine(_context, "src/null"), UnixFileType.CharacterDevice, (UnixFileMode)0x1B6, 1, 3);
        DeviceNodes.MakeNode(Path.Combine(_context, "src/sock"), UnixFileType.Socket, (UnixFileMode)0x1ED, 0, 0);
        await CopyAsync("/out", null, "src");
        Assert.Equal(UnixFileType.Fifo, FileStatus.Lstat(In("out/fifo")).Type);
        Assert.Equal(UnixFileType.Socket, FileStatus.Lstat(In("out/sock")).Type);
        var device = FileStatus.Lstat(In("out/null"));
        Assert.Equal((UnixFileType.CharacterDevice, 1u, 3u), (device.Type, device.RdevMajor, device.RdevMinor));
    }

    [Fact]
    public async Task CopyAsync_IgnoredAndExcludedFiles_AreNotCopied()
    {
        TestFiles.Write(_context, "src/keep.txt");
        TestFiles.Write(_context, "src/drop.log");
        TestFiles.Write(_context, "src/sub/x.tmp");
        TestFiles.Write(_context, "src/sub/y.txt");
        var root = new CopySourceRoot(_context, IgnorePatterns.Parse("**/*.log"), true);
        var sources = SourceSelector.Select(root, "src", ["sub/*.tmp"]);
        await FileCopier.CopyAsync(_rootfs, sources, "/out", new CopyOptions(), CancellationToken.None);
        Assert.Equal(["keep.txt", "sub/", "sub/y.txt"], TestFiles.List(In("out")));
    }

    [Fact]
    public async Task CopyAsync_FromAnotherRoot_KeepsOwners()
    {
        var other = TestFiles.Dir(_temp.Path, "stage");
        var file = TestFiles.Write(other, "usr/bin/tool");
        Ownership.Lchown(file, 10, 20);
        var sources = SourceSelector.Select(CopySourceRoot.ForRootfs(other), "/usr/bin/tool", []);
        await FileCopier.CopyAsync(_rootfs, sources, "/tool", new CopyOptions(), CancellationToken.None);
        var status = FileStatus.Lstat(In("tool"));
        Assert.Equal((10u, 20u), (status.Uid, status.Gid));
    }

    [Fact]
    public async Task CopyAsync_ExistingDirectories_KeepTheirModeCreatedOnesTakeTheSources()
    {
        TestFiles.Write(_context, "src/a");
        File.SetUnixFileMode(Path.Combine(_context, "src"), (UnixFileMode)0x1C0);
        TestFiles.Dir(_context, "src/sub");
        File.SetUnixFileMode(Path.Combine(_context, "src/sub"), (UnixFileMode)0x1C0);
        var existing = TestFiles.Dir(_rootfs, "app/sub");
        File.SetUnixFileMode(existing, (UnixFileMode)0x1FD);
        File.SetUnixFileMode(Path.Combine(_rootfs, "app"), (UnixFileMode)0x1FD);
        var sourceTime = new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Directory.SetLastWriteTimeUtc(Path.Combine(_context, "src/sub"), sourceTime);
        await CopyAsync("/app", null, "src");
        Assert.Equal(0x1FD, Mode(existing));
        Assert.Equal(0x1FD, Mode(In("app")));
        // Its time, though, comes from the source, so the result does not depend on when the copy ran.
        Assert.Equal(sourceTime, FileStatus.Lstat(existing).ModificationTime.ToDateTimeOffset().UtcDateTime);
        await CopyAsync("/fresh", null, "src");
        Assert.Equal(0x1C0, Mode(In("fresh")));
        Assert.Equal(0x1C0, Mode(In("fresh/sub")));
    }

    [Fact]
    public async Task CopyAsync_FileOverDirectory_IsAConflict()
    {
        TestFiles.Write(_context, "src/name", "file");
        TestFiles.Write(_rootfs, "out/name/inside", "x");
        var error = await Assert.ThrowsAsync<BerthException>(() => CopyAsync("/out", null, "src"));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task CopyAsync_ExistingFile_IsReplaced()
    {
        TestFiles.Write(_context, "a", "new");
        TestFiles.Write(_rootfs, "a", "old");
        await CopyAsync("/a", null, "a");
        Assert.Equal("new", File.ReadAllText(In("a")));
    }

    [Fact]
    public async Task CopyAsync_ExtendedAttributes_SurviveEvenWithChown()
    {
        var file = TestFiles.Write(_context, "bin/ping");
        // VFS_CAP_REVISION_2 with CAP_NET_RAW (bit 13) permitted and effective.
        byte[] capability = [0x01, 0, 0, 0x02, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        ExtendedAttributes.LSet(file, "security.capability", capability);
        ExtendedAttributes.LSet(file, "user.origin", "context"u8);
        await CopyAsync("/usr/", new CopyOptions { Uid = 1, Gid = 1 }, "bin");
        var copied = In("usr/ping");
        Assert.Equal(capability, ExtendedAttributes.LGet(copied, "security.capability"));
        Assert.Equal("context"u8.ToArray(), ExtendedAttributes.LGet(copied, "user.origin"));
    }

    [Fact]
    public async Task CopyAsync_ParentsWithADirectory_KeepsItsPathAndContent()
    {
        TestFiles.Write(_context, "x/y/a.txt", "a");
        TestFiles.Write(_context, "x/y/z/b.txt", "b");
        await FileCopier.CopyAsync(_rootfs, Select("x/y"), "/dst/", new CopyOptions { Parents = true }, CancellationToken.None);
        Assert.Equal(["x/", "x/y/", "x/y/a.txt", "x/y/z/", "x/y/z/b.txt"], TestFiles.List(In("dst")));
    }
}
