using Berth.Runtime.Spec;
using Berth.Testing;

namespace Berth.Runtime.Tests.Spec;

public sealed class RootfsFilesTests
{
    [Fact]
    public void Reads_a_plain_file_and_returns_null_for_missing_ones()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp["etc"]);
        File.WriteAllText(temp["etc/passwd"], "root:x:0:0::/root:/bin/sh\n");
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", RootfsFiles.TryReadText(temp.Path, "/etc/passwd"));
        Assert.Null(RootfsFiles.TryReadText(temp.Path, "/etc/group"));
        Assert.Null(RootfsFiles.TryReadText(temp.Path, "/etc"));
    }

    [Fact]
    public void Absolute_symlinks_resolve_inside_the_rootfs_not_on_the_host()
    {
        using var temp = new TempDir();
        using var host = new TempDir();
        File.WriteAllText(host["secret"], "host secret");
        Directory.CreateDirectory(temp["etc"]);
        Directory.CreateDirectory(temp["real"]);
        File.WriteAllText(temp["real/passwd"], "inside");
        File.CreateSymbolicLink(temp["etc/passwd"], "/real/passwd");
        File.CreateSymbolicLink(temp["etc/group"], host["secret"]);
        Assert.Equal("inside", RootfsFiles.TryReadText(temp.Path, "/etc/passwd"));
        Assert.Null(RootfsFiles.TryReadText(temp.Path, "/etc/group"));
    }

    [Fact]
    public void Dot_dot_links_and_directory_links_stop_at_the_rootfs()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp["data"]);
        File.WriteAllText(temp["data/passwd"], "from data");
        File.CreateSymbolicLink(temp["etc"], "../../../../data");
        Assert.Equal("from data", RootfsFiles.TryReadText(temp.Path, "/etc/passwd"));
        Assert.Equal("from data", RootfsFiles.TryReadText(temp.Path, "/../../../data/passwd"));
    }

    [Fact]
    public void A_symlink_loop_gives_null()
    {
        using var temp = new TempDir();
        File.CreateSymbolicLink(temp["a"], "/b");
        File.CreateSymbolicLink(temp["b"], "/a");
        Assert.Null(RootfsFiles.TryReadText(temp.Path, "/a"));
    }
}
