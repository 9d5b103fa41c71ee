using System.Security.Cryptography;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.BadInput;

/// <summary>
/// Layers that try to write outside the rootfs. Loaded (docker-archive) and imported (rootfs tar): names that
/// climb out with '..' and hardlinks to host files fail with one line and change nothing; an absolute name and
/// a write through a symlink to '/' are, as in docker and containerd, resolved inside the layer root. Either
/// way nothing appears outside the state root.
/// </summary>
public sealed class MaliciousLayerTests
{
    public static TheoryData<string> Cases() => new("dotdot", "hardlink-to-etc-passwd", "whiteout-dotdot");

    public static TheoryData<string> ConfinedCases() => new("absolute", "symlink-then-write");

    private static LayerBuilder Layer(string kind, string tok)
    {
        var layer = new LayerBuilder().File("ok.txt", "fine\n");
        return kind switch
        {
            "dotdot" => layer.Raw(new LayerEntry(EntryKind.File, $"../../escape-{tok}", Content: "x"u8.ToArray())),
            "absolute" => layer.Raw(new LayerEntry(EntryKind.File, $"/tmp/abs-{tok}", Content: "x"u8.ToArray())),
            "symlink-then-write" => layer
                .Raw(new LayerEntry(EntryKind.Symlink, "evil", 0x1FF, LinkTarget: "/"))
                .Raw(new LayerEntry(EntryKind.File, $"evil/tmp/pwned-{tok}", Content: "x"u8.ToArray())),
            "hardlink-to-etc-passwd" => layer.Raw(new LayerEntry(EntryKind.Hardlink, $"passwd-{tok}", LinkTarget: "/etc/passwd")),
            "whiteout-dotdot" => layer.Raw(new LayerEntry(EntryKind.File, $"../.wh.x-{tok}", 0, Content: [])),
            _ => throw new ArgumentException(kind),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_MaliciousLayer_IsRejected(string kind)
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "keep:1");
        var before = Setup.Names(t);
        var passwd = SHA256.HashData(File.ReadAllBytes("/etc/passwd"));
        var tok = Rejection.NewToken();
        var image = new ImageArchiveBuilder(81).Layer(BusyboxRootfs.Layer(), LayerCompression.Gzip)
            .Layer(Layer(kind, tok)).Build();
        var path = ImageArchiveBuilder.DockerArchive((image, ["evil:1"])).WriteTo(t.WorkPath("evil.tar"));

        Rejection.AssertRejected(t, t.Berth.Run("load", "-i", path), before, "unsafe layer entry", tok);
        Rejection.AssertNothingEscaped(t, tok);
        Assert.Equal(passwd, SHA256.HashData(File.ReadAllBytes("/etc/passwd")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_MaliciousRootfs_IsRejected(string kind)
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "keep:1");
        var before = Setup.Names(t);
        var passwd = SHA256.HashData(File.ReadAllBytes("/etc/passwd"));
        var tok = Rejection.NewToken();
        var path = t.WorkPath("evil-rootfs.tar");
        File.WriteAllBytes(path, Layer(kind, tok).ToTar());

        Rejection.AssertRejected(t, t.Berth.Run("import", path, "evil:1"), before, "unsafe layer entry", tok);
        Rejection.AssertNothingEscaped(t, tok);
        Assert.Equal(passwd, SHA256.HashData(File.ReadAllBytes("/etc/passwd")));
    }

    [Theory]
    [MemberData(nameof(ConfinedCases))]
    public void Load_AbsoluteOrThroughSymlink_LandsInsideTheRootfs(string kind)
    {
        using var t = new TestRoot();
        var passwd = SHA256.HashData(File.ReadAllBytes("/etc/passwd"));
        var tok = Rejection.NewToken();
        var image = new ImageArchiveBuilder(82).Layer(BusyboxRootfs.Layer(), LayerCompression.Gzip)
            .Layer(Layer(kind, tok)).Build();
        var path = ImageArchiveBuilder.DockerArchive((image, ["confined:1"])).WriteTo(t.WorkPath("evil.tar"));
        t.Berth.Run("load", "-i", path).Ok();
        AssertConfined(t, "confined:1", kind, tok);
        Assert.Equal(passwd, SHA256.HashData(File.ReadAllBytes("/etc/passwd")));
    }

    [Theory]
    [MemberData(nameof(ConfinedCases))]
    public void Import_AbsoluteOrThroughSymlink_LandsInsideTheRootfs(string kind)
    {
        using var t = new TestRoot();
        var tok = Rejection.NewToken();
        var path = t.WorkPath("evil-rootfs.tar");
        File.WriteAllBytes(path, Layer(kind, tok).ToTar());
        t.Berth.Run("import", path, "confined:1").Ok();
        AssertConfined(t, "confined:1", kind, tok);
    }

    private static void AssertConfined(TestRoot t, string image, string kind, string tok)
    {
        Rejection.AssertNothingEscaped(t, tok);
        var merged = OverlayMount.MountImage(t, image);
        var inside = Path.Combine(merged, "tmp", (kind == "absolute" ? "abs-" : "pwned-") + tok);
        Assert.True(File.Exists(inside), $"{inside} should exist inside the image");
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
    }
}
