using Berth.Engine.Storage;
using Berth.Linux;
using Berth.Engine.Tests.Support;

namespace Berth.Engine.Tests.Storage;

/// <summary>docker's directory.Size: apparent sizes of files and symlinks, each inode once, directories not counted.</summary>
public sealed class DirectorySizeTests
{
    [Fact]
    public void Of_Empty_IsZero()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, DirectorySize.Of(dir.Path));
    }

    [Fact]
    public void Of_CountsHardlinksOnce_AndSymlinksByTargetLength()
    {
        using var dir = new TempDirectory();
        var a = Path.Combine(dir.Path, "a");
        File.WriteAllBytes(a, new byte[100]);
        Links.HardLink(a, Path.Combine(dir.Path, "b"));
        var nested = dir.Sub("sub/deeper");
        Links.HardLink(a, Path.Combine(nested, "c"));
        File.WriteAllBytes(Path.Combine(nested, "d"), new byte[50]);
        File.WriteAllBytes(Path.Combine(dir.Path, "empty"), []);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "short"), "a");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "long"), "/some/long/target/path");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "dirlink"), nested);

        var expected = 100 + 50 + "a".Length + "/some/long/target/path".Length + nested.Length;
        Assert.Equal(expected, DirectorySize.Of(dir.Path));
    }

    [Fact]
    public void Of_DoesNotFollowSymlinkedDirectories()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        File.WriteAllBytes(Path.Combine(outside.Path, "big"), new byte[10_000]);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "escape"), outside.Path);
        Assert.Equal(outside.Path.Length, DirectorySize.Of(dir.Path));
    }

    [Fact]
    public void Of_SparseFile_CountsApparentSize()
    {
        using var dir = new TempDirectory();
        using (var stream = File.Create(Path.Combine(dir.Path, "sparse"))) stream.SetLength(1 << 30);
        Assert.Equal(1L << 30, DirectorySize.Of(dir.Path));
    }
}
