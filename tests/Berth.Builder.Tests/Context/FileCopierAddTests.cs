using System.Security.Cryptography;
using Berth.Builder.Context;
using Berth.Linux;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

public sealed class FileCopierAddTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _context;
    private readonly string _rootfs;

    public FileCopierAddTests()
    {
        _context = TestFiles.Dir(_temp.Path, "context");
        _rootfs = TestFiles.Dir(_temp.Path, "rootfs");
    }

    public void Dispose() => _temp.Dispose();

    private Task AddAsync(string source, string destination, CopyOptions? options = null) =>
        FileCopier.CopyAsync(_rootfs, SourceSelector.Select(new CopySourceRoot(_context, IgnorePatterns.Empty, true), source, []),
            destination, options ?? new CopyOptions { IsAdd = true }, CancellationToken.None);

    private string In(string path) => Path.Combine(_rootfs, path.TrimStart('/'));

    /// <summary>An archive of pkg/{a.txt,bin/run} made by tar with the given compression flag.</summary>
    private void MakeArchive(string name, string flag)
    {
        var source = TestFiles.Dir(_temp.Path, "archive-src");
        TestFiles.Write(source, "pkg/a.txt", "alpha");
        TestFiles.Write(source, "pkg/bin/run", "#!/bin/sh", (UnixFileMode)0x1ED);
        TestFiles.Run(source, "tar", flag, Path.Combine(_context, name), "pkg");
    }

    [Theory]
    [InlineData("app.tar.gz", "-czf")]
    [InlineData("app.tar.xz", "-cJf")]
    [InlineData("app.tar.bz2", "-cjf")]
    [InlineData("app.tar", "-cf")]
    [InlineData("disguised.txt", "-czf")]
    public async Task CopyAsync_AddOfALocalArchive_ExtractsItWhateverItsName(string name, string flag)
    {
        MakeArchive(name, flag);
        await AddAsync(name, "/opt");
        Assert.Equal("alpha", File.ReadAllText(In("opt/pkg/a.txt")));
        Assert.Equal(0x1ED, (int)FileStatus.Lstat(In("opt/pkg/bin/run")).Permissions & 0xFFF);
        Assert.False(File.Exists(In("opt/" + name)));
    }

    [Fact]
    public async Task CopyAsync_AddWithUnpackFalse_CopiesTheArchiveAsAFile()
    {
        MakeArchive("app.tar.gz", "-czf");
        await AddAsync("app.tar.gz", "/opt/", new CopyOptions { IsAdd = true, Unpack = false });
        Assert.Equal(["app.tar.gz"], TestFiles.List(In("opt")));
    }

    [Fact]
    public async Task CopyAsync_CopyOfAnArchive_NeverExtracts()
    {
        MakeArchive("app.tar.gz", "-czf");
        await AddAsync("app.tar.gz", "/opt/", new CopyOptions());
        Assert.Equal(["app.tar.gz"], TestFiles.List(In("opt")));
    }

    [Fact]
    public async Task CopyAsync_AddOfAFileNamedLikeAnArchive_CopiesIt()
    {
        TestFiles.Write(_context, "fake.tar.gz", "not really gzip");
        await AddAsync("fake.tar.gz", "/opt/");
        Assert.Equal("not really gzip", File.ReadAllText(In("opt/fake.tar.gz")));
    }

    [Fact]
    public async Task CopyAsync_AddOfAnArchiveClimbingOut_IsRefused()
    {
        var source = TestFiles.Dir(_temp.Path, "a/b");
        TestFiles.Write(_temp.Path, "a/evil", "x");
        TestFiles.Run(source, "tar", "-czf", Path.Combine(_context, "evil.tgz"), "--absolute-names", "../evil");
        var error = await Assert.ThrowsAsync<BerthException>(() => AddAsync("evil.tgz", "/opt/deep/"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.False(File.Exists(In("opt/evil")));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "rootfs/evil")));
    }

    [Fact]
    public async Task CopyAsync_AddOfAnArchiveWithChown_OwnsEveryEntryButNothingOutside()
    {
        var source = TestFiles.Dir(_temp.Path, "archive-src");
        TestFiles.Write(source, "pkg/a.txt", "alpha");
        // A link the archive plants pointing at the rootfs's /etc: re-owning must not follow it.
        TestFiles.Symlink(source, "pkg/etc", "/etc");
        TestFiles.Run(source, "tar", "-cJf", Path.Combine(_context, "owned.tar.xz"), "pkg");
        var etc = TestFiles.Dir(_rootfs, "etc");
        await AddAsync("owned.tar.xz", "/opt/", new CopyOptions { IsAdd = true, Uid = 7, Gid = 8 });
        foreach (var path in new[] { "opt", "opt/pkg", "opt/pkg/a.txt", "opt/pkg/etc" })
        {
            var status = FileStatus.Lstat(In(path));
            Assert.True((status.Uid, status.Gid) == (7u, 8u), $"{path} is {status.Uid}:{status.Gid}");
        }
        Assert.Equal(0u, FileStatus.Lstat(etc).Uid);
    }

    [Fact]
    public async Task CopyAsync_AddOfAFifo_RecreatesItWithoutReadingIt()
    {
        DeviceNodes.MakeNode(Path.Combine(_context, "pipe"), UnixFileType.Fifo, (UnixFileMode)0x1A4, 0, 0);
        var add = AddAsync("pipe", "/opt/");
        Assert.Same(add, await Task.WhenAny(add, Task.Delay(TimeSpan.FromSeconds(20))));
        await add;
        Assert.Equal(UnixFileType.Fifo, FileStatus.Lstat(In("opt/pipe")).Type);
    }

    [Theory]
    [InlineData("cut.tar.xz", "-cJf")]
    [InlineData("cut.tar.gz", "-czf")]
    public async Task CopyAsync_AddOfATruncatedArchive_Fails(string name, string flag)
    {
        var source = TestFiles.Dir(_temp.Path, "big");
        var random = new Random(7);
        var noise = new byte[256 * 1024];
        random.NextBytes(noise);
        File.WriteAllBytes(Path.Combine(source, "noise.bin"), noise);
        TestFiles.Run(source, "tar", flag, Path.Combine(_context, name), "noise.bin");
        var path = Path.Combine(_context, name);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = await Assert.ThrowsAsync<BerthException>(() => AddAsync(name, "/opt/"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    private static RawHttpServer Serve(byte[] body, DateTimeOffset? lastModified = null, int status = 200) =>
        new((_, _) => new RawHttpServer.Response(status, body, "application/octet-stream",
            lastModified is { } time ? new Dictionary<string, string> { ["Last-Modified"] = time.ToString("R") } : null));

    [Fact]
    public async Task AddUrlAsync_ToADirectory_NamesTheFileAfterTheUrlWithMode0600AndLastModified()
    {
        var modified = new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.Zero);
        using var server = Serve("payload"u8.ToArray(), modified);
        using var http = new HttpClient();
        await FileCopier.AddUrlAsync(_rootfs, new Uri($"http://{server.Domain}/files/tool.tar.gz?x=1"), "/dl/",
            new CopyOptions { IsAdd = true }, http, CancellationToken.None);
        var path = In("dl/tool.tar.gz");
        Assert.Equal("payload", File.ReadAllText(path));
        var status = FileStatus.Lstat(path);
        Assert.Equal(0x180, (int)status.Permissions & 0xFFF);
        Assert.Equal(modified, status.ModificationTime.ToDateTimeOffset());
        Assert.Equal((0u, 0u), (status.Uid, status.Gid));
        Assert.Equal(["tool.tar.gz"], TestFiles.List(In("dl")));
    }

    [Fact]
    public async Task AddUrlAsync_ToAFilePathWithChecksumChownAndChmod_AppliesThem()
    {
        var body = "checked"u8.ToArray();
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        using var server = Serve(body);
        using var http = new HttpClient();
        await FileCopier.AddUrlAsync(_rootfs, new Uri($"http://{server.Domain}/x"), "/opt/renamed",
            new CopyOptions { IsAdd = true, Checksum = digest, Uid = 5, Gid = 6, Chmod = "0755" }, http, CancellationToken.None);
        var status = FileStatus.Lstat(In("opt/renamed"));
        Assert.Equal((5u, 6u, 0x1ED), (status.Uid, status.Gid, (int)status.Permissions & 0xFFF));
    }

    [Fact]
    public async Task AddUrlAsync_WrongChecksum_FailsAndLeavesNothing()
    {
        using var server = Serve("tampered"u8.ToArray());
        using var http = new HttpClient();
        var wrong = "sha256:" + new string('0', 64);
        var error = await Assert.ThrowsAsync<BerthException>(() => FileCopier.AddUrlAsync(_rootfs,
            new Uri($"http://{server.Domain}/f"), "/dl/", new CopyOptions { IsAdd = true, Checksum = wrong }, http, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith($"digest mismatch for http://{server.Domain}/f: sha256:", error.Message);
        Assert.EndsWith($"(expected: {wrong})", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(In("dl")));
    }

    [Fact]
    public async Task AddUrlAsync_NotFound_FailsWithTheStatus()
    {
        using var server = Serve([], status: 404);
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<BerthException>(() => FileCopier.AddUrlAsync(_rootfs,
            new Uri($"http://{server.Domain}/missing"), "/dl/", new CopyOptions { IsAdd = true }, http, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("invalid response status 404", error.Message);
    }

    [Fact]
    public async Task AddUrlAsync_ArchiveFromAUrl_IsNotExtracted()
    {
        MakeArchive("remote.tar.gz", "-czf");
        using var server = Serve(File.ReadAllBytes(Path.Combine(_context, "remote.tar.gz")));
        using var http = new HttpClient();
        await FileCopier.AddUrlAsync(_rootfs, new Uri($"http://{server.Domain}/remote.tar.gz"), "/dl/",
            new CopyOptions { IsAdd = true }, http, CancellationToken.None);
        Assert.Equal(["remote.tar.gz"], TestFiles.List(In("dl")));
    }

    [Fact]
    public async Task AddUrlAsync_UrlWithoutFileName_UsesDownloadAndTheEpoch()
    {
        using var server = Serve("root"u8.ToArray());
        using var http = new HttpClient();
        await FileCopier.AddUrlAsync(_rootfs, new Uri($"http://{server.Domain}/"), "/dl/", new CopyOptions { IsAdd = true }, http, CancellationToken.None);
        Assert.Equal("root", File.ReadAllText(In("dl/download")));
        Assert.Equal(DateTimeOffset.UnixEpoch, FileStatus.Lstat(In("dl/download")).ModificationTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task AddUrlAsync_ContentDisposition_NamesTheFileSafely()
    {
        using var server = new RawHttpServer((_, _) => new RawHttpServer.Response(200, "cd"u8.ToArray(), null,
            new Dictionary<string, string> { ["Content-Disposition"] = "attachment; filename=\"../../etc/report.txt\"" }));
        using var http = new HttpClient();
        await FileCopier.AddUrlAsync(_rootfs, new Uri($"http://{server.Domain}/get?id=1"), "/dl/", new CopyOptions { IsAdd = true }, http, CancellationToken.None);
        Assert.Equal(["report.txt"], TestFiles.List(In("dl")));
    }

    [Fact]
    public async Task AddUrlAsync_BadChecksumFormat_FailsBeforeDownloading()
    {
        using var server = Serve("x"u8.ToArray());
        using var http = new HttpClient();
        await Assert.ThrowsAsync<BerthException>(() => FileCopier.AddUrlAsync(_rootfs, new Uri($"http://{server.Domain}/f"), "/dl/",
            new CopyOptions { IsAdd = true, Checksum = "md5:abc" }, http, CancellationToken.None));
        Assert.Empty(server.Requests);
    }
}
