using System.Formats.Tar;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Tests;

/// <summary>
/// Hostile layers (the tar CVEs of Docker, containerd and friends): each must either be confined to the
/// target, resolved as if it were '/', or rejected with a one-line message that names the entry. In every
/// case the parent of the target and the host's own files stay exactly as they were.
/// </summary>
public sealed class MaliciousLayerTests
{
    private static readonly string[] HostPaths = ["/etc", "/etc/passwd", "/x", "/abs", "/outside", "/tmp/x"];

    private sealed record Case(Func<byte[]> Layer, string? RejectedEntry, Action<TestTree>? Check = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["dotdot climbs out"] = new(() => new TarBuilder().File("../../x", "pwned").Build(), "../../x"),
        ["dotdot after a component climbs out"] = new(() => new TarBuilder().File("a/../../x", "pwned").Build(), "a/../../x"),
        ["absolute name is made relative"] = new(() => new TarBuilder().File("/abs", "ok").Build(), null,
            t => Assert.Equal("ok", File.ReadAllText(t["abs"]))),
        ["symlink to /etc then write through it"] = new(() => new TarBuilder().Symlink("evil", "/etc").File("evil/passwd", "pwned").Build(), null,
            t =>
            {
                Assert.Equal("pwned", File.ReadAllText(t["etc/passwd"]));
                Assert.Equal("/etc", Links.ReadLink(t["evil"]));
            }),
        ["relative symlink climbing out then write through it"] = new(() => new TarBuilder().Symlink("up", "../../..").File("up/outside", "pwned").Build(), null,
            t => Assert.Equal("pwned", File.ReadAllText(t["outside"]))),
        ["symlink chain to root"] = new(() => new TarBuilder().Symlink("a", "b").Symlink("b", "c/..").Directory("c").Symlink("c/d", "../../../..")
            .File("a/c/d/x", "pwned").Build(), null,
            t => Assert.Equal("pwned", File.ReadAllText(t["x"]))),
        ["symlink loop"] = new(() => new TarBuilder().Symlink("l1", "l2").Symlink("l2", "l1").File("l1/x", "pwned").Build(), "l1/x"),
        ["hardlink to /etc/passwd"] = new(() => new TarBuilder().HardLink("h", "/etc/passwd").Build(), "h"),
        ["hardlink to ../outside"] = new(() => new TarBuilder().HardLink("h", "../outside").Build(), "h"),
        ["hardlink through an escaping symlink"] = new(() => new TarBuilder().Symlink("up", "..").HardLink("h", "up/outside").Build(), "h"),
        ["hardlink to an escaping symlink links the symlink"] = new(() => new TarBuilder().Symlink("esc", "../outside").HardLink("h", "esc").Build(), null,
            t => Assert.Equal(UnixFileType.SymbolicLink, FileStatus.Lstat(t["h"]).Type)),
        ["whiteout climbing out"] = new(() => new TarBuilder().File("../.wh.outside", "").Build(), "../.wh.outside"),
        ["whiteout through an escaping symlink"] = new(() => new TarBuilder().Symlink("up", "..").File("up/.wh.outside", "").Build(), null,
            t => Assert.Equal(UnixFileType.CharacterDevice, FileStatus.Lstat(t["outside"]).Type)),
        ["opaque marker through an escaping symlink"] = new(() => new TarBuilder().Symlink("up", "/..").File("up/.wh..wh..opq", "").Build(), null,
            t => Assert.Equal("y"u8.ToArray(), ExtendedAttributes.LGet(t.Target, "trusted.overlay.opaque"))),
        ["file replaces a symlink instead of writing through it"] = new(() => new TarBuilder().Symlink("f", "/etc/passwd").File("f", "mine").Build(), null,
            t => Assert.Equal("mine", File.ReadAllText(t["f"]))),
        ["directory later replaced by a symlink keeps its mode off the target"] = new(() => new TarBuilder()
            .Directory("d", (UnixFileMode)0x1FF).Symlink("d", "/etc").Build(), null,
            t => Assert.Equal(UnixFileType.SymbolicLink, FileStatus.Lstat(t["d"]).Type)),
        ["directory replaced by a symlink then written through"] = new(() => new TarBuilder()
            .Directory("etc").Symlink("etc", "/../../real").File("etc/passwd", "pwned").Build(), null,
            t => Assert.Equal("pwned", File.ReadAllText(t["real/passwd"]))),
        ["symlink that names itself through the root"] = new(() => new TarBuilder()
            .Symlink("etc", "/../../etc").File("etc/passwd", "pwned").Build(), "etc/passwd"),
        ["device node through an escaping symlink"] = new(() => new TarBuilder().Symlink("dev", "../")
            .Device("dev/null2", TarEntryType.CharacterDevice, 1, 3).Build(), null,
            t => Assert.Equal(UnixFileType.CharacterDevice, FileStatus.Lstat(t["null2"]).Type)),
        ["root entry as a symlink is ignored"] = new(() => new TarBuilder().Symlink(".", "/etc").File("passwd", "mine").Build(), null,
            t => Assert.Equal("mine", File.ReadAllText(t["passwd"]))),
        ["symlink made under a directory already resolved, then written through"] = new(() => new TarBuilder()
            .Directory("a").File("a/f", "x").Symlink("a/s", "/../../elsewhere").File("a/s/x", "pwned").Build(), null,
            t => Assert.Equal("pwned", File.ReadAllText(t["elsewhere/x"]))),
        ["relative symlink deep under a resolved directory climbs to the root, not above it"] = new(() => new TarBuilder()
            .Directory("a/b/c").File("a/b/c/f", "x").Symlink("a/b/c/up", "../../../../../..").File("a/b/c/up/x", "pwned").Build(), null,
            t => Assert.Equal("pwned", File.ReadAllText(t["x"]))),
        ["symlink loop under a resolved directory"] = new(() => new TarBuilder()
            .Directory("a/b").File("a/b/f", "x").Symlink("a/b/l", "l").File("a/b/l/x", "pwned").Build(), "a/b/l/x"),
        ["hardlink to an escaping symlink, then written through"] = new(() => new TarBuilder()
            .Directory("d").File("d/f", "x").Symlink("esc", "/../outside").HardLink("d/h", "esc").File("d/h/x", "pwned").Build(), null,
            t => Assert.Equal("pwned", File.ReadAllText(t["outside/x"]))),
        ["directory already resolved, replaced by a file"] = new(() => new TarBuilder()
            .Directory("d").File("d/a", "1").File("d", "2").File("d/b", "3").Build(), "d/b"),
        ["huge long name"] = new(() => new TarBuilder().File(string.Join('/', Enumerable.Repeat(new string('n', 200), 60)), "x").Build(),
            new string('n', 20)),
        ["huge component"] = new(() => new TarBuilder().File(new string('c', 300), "x").Build(), new string('c', 20)),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileLayer_IsConfinedOrRejected(string name)
    {
        Assert.True(Environment.IsPrivilegedProcess, "these cases need root (device nodes, trusted.* xattrs); run the tests as root");
        var hostile = Cases[name];
        using var tree = new TestTree();
        var before = TreeSnapshot.Take(tree.Parent, exclude: tree.Target);
        var hostBefore = HostPaths.Select(TreeSnapshot.Describe).ToArray();

        var error = await Record.ExceptionAsync(() => tree.ApplyAsync(hostile.Layer()));

        if (hostile.RejectedEntry is null)
        {
            Assert.Null(error);
            hostile.Check?.Invoke(tree);
        }
        else
        {
            var berth = Assert.IsType<BerthException>(error);
            Assert.Equal(ErrorKind.InvalidArgument, berth.Kind);
            Assert.Contains(hostile.RejectedEntry, berth.Message);
            Assert.DoesNotContain('\n', berth.Message);
            Assert.True(berth.Message.Length < 300, berth.Message);
        }
        Assert.Equal(before, TreeSnapshot.Take(tree.Parent, exclude: tree.Target));
        Assert.Equal(hostBefore, HostPaths.Select(TreeSnapshot.Describe).ToArray());
    }
}
