using Berth.Engine.Storage;
using Berth.Engine.Tests.Support;
using Berth.Linux;

namespace Berth.Engine.Tests.Storage;

public sealed class ReplaceableFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AWrite_ReplacesTheWholeFile_AndLeavesNoTemporary()
    {
        var path = Path.Combine(_dir.Path, "sub", "hosts");

        ReplaceableFile.Write(path, "a longer first content\n");
        ReplaceableFile.Write(path, "short\n");

        Assert.Equal("short\n", File.ReadAllText(path));
        Assert.Equal(["hosts"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteNew_WritesTheContent_AndRefusesANameTaken()
    {
        var path = Path.Combine(_dir.Path, "program");
        var link = Path.Combine(_dir.Path, "link");
        File.CreateSymbolicLink(link, Path.Combine(_dir.Path, "elsewhere"));

        UnixFile.WriteNew(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.ThrowsAny<IOException>(() => UnixFile.WriteNew(path, [4]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        // Not even through a dangling link.
        Assert.ThrowsAny<IOException>(() => UnixFile.WriteNew(link, [4]));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "elsewhere")));
    }
}
