using Berth.Builder.Context;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

public sealed class BuildContextTests
{
    [Fact]
    public void FromDirectory_MissingDirectory_FailsWithDockersWording()
    {
        using var temp = new TempDir();
        var missing = temp["nope"];
        var error = Assert.Throws<BerthException>(() => BuildContext.FromDirectory(missing, null));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal($"unable to prepare context: path \"{missing}\" not found", error.Message);
    }

    [Fact]
    public void FromDirectory_AFile_IsNotAContext()
    {
        using var temp = new TempDir();
        var file = TestFiles.Write(temp.Path, "file");
        var error = Assert.Throws<BerthException>(() => BuildContext.FromDirectory(file, null));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("context must be a directory", error.Message);
    }

    [Fact]
    public void FromDirectory_RootDockerignore_IsRead()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, ".dockerignore", "*.log\n");
        using var context = BuildContext.FromDirectory(temp.Path + "/", null);
        Assert.Equal(temp.Path, context.Root);
        Assert.True(context.Ignore.IsExcluded("a.log"));
        Assert.False(context.Ignore.IsExcluded("a.txt"));
    }

    [Fact]
    public void FromDirectory_DockerfileSpecificIgnoreFile_WinsOverTheRootOne()
    {
        using var temp = new TempDir();
        var ctx = TestFiles.Dir(temp.Path, "ctx");
        TestFiles.Write(ctx, ".dockerignore", "*.log\n");
        var dockerfile = TestFiles.Write(temp.Path, "build/app.Dockerfile", "FROM scratch\n");
        TestFiles.Write(temp.Path, "build/app.Dockerfile.dockerignore", "*.tmp\n");
        using var context = BuildContext.FromDirectory(ctx, dockerfile);
        Assert.True(context.Ignore.IsExcluded("a.tmp"));
        Assert.False(context.Ignore.IsExcluded("a.log"));
        Assert.Equal("FROM scratch\n", context.ReadDockerfile(dockerfile));
    }

    [Fact]
    public void FromDirectory_DockerfileWithoutItsOwnIgnoreFile_UsesTheRootOne()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, ".dockerignore", "*.log\n");
        TestFiles.Write(temp.Path, "sub/Dockerfile.dev", "FROM a\n");
        using var context = BuildContext.FromDirectory(temp.Path, "sub/Dockerfile.dev");
        Assert.True(context.Ignore.IsExcluded("x.log"));
        Assert.Equal("FROM a\n", context.ReadDockerfile("sub/Dockerfile.dev"));
    }

    [Fact]
    public void FromDirectory_BadIgnoreFile_Fails()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, ".dockerignore", "ok\n[\n");
        var error = Assert.Throws<BerthException>(() => BuildContext.FromDirectory(temp.Path, null));
        Assert.StartsWith("syntax error in pattern", error.Message);
    }

    [Fact]
    public void ReadDockerfile_DefaultName_FallsBackToLowerCase()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "dockerfile", "FROM lower\n");
        using var context = BuildContext.FromDirectory(temp.Path, null);
        Assert.Equal("FROM lower\n", context.ReadDockerfile(null));
    }

    [Fact]
    public void ReadDockerfile_IgnoredDockerfile_IsStillRead()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, ".dockerignore", "Dockerfile\n.dockerignore\n");
        TestFiles.Write(temp.Path, "Dockerfile", "FROM x\n");
        using var context = BuildContext.FromDirectory(temp.Path, null);
        Assert.Equal("FROM x\n", context.ReadDockerfile(null));
    }

    [Fact]
    public void ReadDockerfile_Missing_FailsNamingIt()
    {
        using var temp = new TempDir();
        using var context = BuildContext.FromDirectory(temp.Path, null);
        var error = Assert.Throws<BerthException>(() => context.ReadDockerfile(null));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("failed to read dockerfile: open Dockerfile: no such file or directory", error.Message);
        error = Assert.Throws<BerthException>(() => context.ReadDockerfile("other.Dockerfile"));
        Assert.Equal("failed to read dockerfile: open other.Dockerfile: no such file or directory", error.Message);
    }

    [Theory]
    [InlineData("tar", null)]
    [InlineData("tar.gz", "gzip")]
    [InlineData("tar.bz2", "bzip2")]
    [InlineData("tar.xz", "xz")]
    [InlineData("tar.zst", "zstd")]
    public async Task FromStreamAsync_TarInAnyCompression_IsUnpackedAndRemovedOnDispose(string extension, string? compressor)
    {
        using var temp = new TempDir();
        var source = TestFiles.Dir(temp.Path, "src");
        TestFiles.Write(source, "Dockerfile", "FROM scratch\n");
        TestFiles.Write(source, "app/main.c", "int main;");
        TestFiles.Write(source, ".dockerignore", "*.o\n");
        TestFiles.Run(source, "tar", "-cf", temp["ctx.tar"], ".");
        if (compressor is not null) TestFiles.Run(temp.Path, compressor, compressor == "zstd" ? "-q" : "-f", "ctx.tar");
        var archive = temp["ctx." + extension];
        // Named without its extension: detection goes by content only.
        File.Move(archive, temp["stdin"]);

        string root;
        await using (var stdin = File.OpenRead(temp["stdin"]))
        {
            var (context, text) = await BuildContext.FromStreamAsync(stdin, temp["tmp"], CancellationToken.None);
            using (context)
            {
                root = context.Root;
                Assert.Null(text);
                Assert.StartsWith(temp["tmp"], root);
                Assert.Equal("int main;", File.ReadAllText(Path.Combine(root, "app/main.c")));
                Assert.Equal("FROM scratch\n", context.ReadDockerfile(null));
                Assert.True(context.Ignore.IsExcluded("x.o"));
            }
        }
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task FromStreamAsync_BareDockerfile_IsTheOnlyFile()
    {
        using var temp = new TempDir();
        using var stdin = new MemoryStream("FROM busybox\nRUN echo hi\n"u8.ToArray());
        var (context, text) = await BuildContext.FromStreamAsync(stdin, temp.Path, CancellationToken.None);
        using (context)
        {
            Assert.Equal("FROM busybox\nRUN echo hi\n", text);
            Assert.Equal(["Dockerfile"], TestFiles.List(context.Root));
            Assert.Same(IgnorePatterns.Empty, context.Ignore);
        }
    }

    [Fact]
    public async Task FromStreamAsync_TarEscapingWithDotDot_IsRefusedAndLeavesNothing()
    {
        using var temp = new TempDir();
        var source = TestFiles.Dir(temp.Path, "a/b");
        TestFiles.Write(temp.Path, "a/evil", "x");
        TestFiles.Run(source, "tar", "-cf", temp["evil.tar"], "--absolute-names", "../evil");
        var tmp = TestFiles.Dir(temp.Path, "tmp");
        await using var stdin = File.OpenRead(temp["evil.tar"]);
        var error = await Assert.ThrowsAsync<BerthException>(() => BuildContext.FromStreamAsync(stdin, tmp, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    [Fact]
    public async Task FromStreamAsync_CorruptXz_FailsAndLeavesNothing()
    {
        using var temp = new TempDir();
        var tmp = TestFiles.Dir(temp.Path, "tmp");
        byte[] corrupt = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3, 4, 5, 6, 7, 8];
        using var stdin = new MemoryStream(corrupt);
        await Assert.ThrowsAsync<BerthException>(() => BuildContext.FromStreamAsync(stdin, tmp, CancellationToken.None));
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    [Fact]
    public async Task ReadDockerfile_InATarContext_NamesAFileInsideIt()
    {
        using var temp = new TempDir();
        var source = TestFiles.Dir(temp.Path, "src");
        TestFiles.Write(source, "build/app.Dockerfile", "FROM inner\n");
        TestFiles.Run(source, "tar", "-cf", temp["ctx.tar"], ".");
        await using var stdin = File.OpenRead(temp["ctx.tar"]);
        var (context, _) = await BuildContext.FromStreamAsync(stdin, temp["tmp"], CancellationToken.None);
        using (context)
        {
            Assert.Equal("FROM inner\n", context.ReadDockerfile("build/app.Dockerfile"));
            // Climbing out of the unpacked context stays inside it.
            Assert.Throws<BerthException>(() => context.ReadDockerfile("../src/build/app.Dockerfile"));
        }
    }

    [Fact]
    public void FromDirectory_DockerfileFromStdin_UsesTheRootIgnoreFile()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, ".dockerignore", "*.log\n");
        using var context = BuildContext.FromDirectory(temp.Path, "-");
        Assert.True(context.Ignore.IsExcluded("a.log"));
    }
}
