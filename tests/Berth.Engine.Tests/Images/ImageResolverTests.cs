using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Oci;

namespace Berth.Engine.Tests.Images;

/// <summary>Docker's lookup order (daemon GetImage): full ID, then reference with default tag, then unique ID prefix.</summary>
public sealed class ImageResolverTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ImageRecord Image(string idHex, string manifestSeed, params string[] names) => new()
    {
        Id = Digest.Parse("sha256:" + idHex),
        ManifestDigest = Digest.Compute(System.Text.Encoding.UTF8.GetBytes(manifestSeed)),
        Added = T0,
        Size = 1,
        Names = names.Select(n => new ImageName(n, n.Contains('@'), T0)).ToList(),
    };

    private static readonly string BusyboxManifest = Digest.Compute("m-busybox"u8).ToString();

    private static readonly ImageRecord Busybox = Image("abc1230000000000000000000000000000000000000000000000000000000001", "m-busybox",
        "docker.io/library/busybox:latest", "docker.io/library/busybox:1.36", "docker.io/library/busybox@" + BusyboxManifest);
    private static readonly ImageRecord App = Image("abc4560000000000000000000000000000000000000000000000000000000002", "m-app",
        "localhost:5000/team/app:v1");
    private static readonly ImageRecord Dangling = Image("def0000000000000000000000000000000000000000000000000000000000003", "m-dangling");
    private static readonly ImageRecord HexTagged = Image("fed0000000000000000000000000000000000000000000000000000000000004", "m-hex",
        "docker.io/library/def0:latest");

    private static readonly IReadOnlyList<ImageRecord> All = [Busybox, App, Dangling, HexTagged];

    [Theory]
    [InlineData("sha256:abc1230000000000000000000000000000000000000000000000000000000001", 0)]
    [InlineData("abc1230000000000000000000000000000000000000000000000000000000001", 0)]
    [InlineData("busybox", 0)]
    [InlineData("busybox:latest", 0)]
    [InlineData("busybox:1.36", 0)]
    [InlineData("docker.io/library/busybox", 0)]
    [InlineData("index.docker.io/library/busybox:1.36", 0)]
    [InlineData("localhost:5000/team/app:v1", 1)]
    [InlineData("abc123", 0)]
    [InlineData("abc4", 1)]
    [InlineData("sha256:abc4", 1)]
    [InlineData("sha256:def", 2)]
    [InlineData("def", 2)]
    [InlineData("def0", 3)]
    public void Find_Resolves(string input, int expected)
    {
        Assert.Equal(All[expected].Id, ImageResolver.Find(All, input)?.Image.Id);
    }

    [Fact]
    public void Find_ByName_ReportsTheNormalizedName()
    {
        var resolved = ImageResolver.Find(All, "busybox")!;
        Assert.Equal("docker.io/library/busybox:latest", resolved.ByName?.ToString());
        Assert.Null(ImageResolver.Find(All, "abc123")!.ByName);
    }

    [Fact]
    public void Find_ByNameAtDigest_FindsTheImage()
    {
        var resolved = ImageResolver.Find(All, "busybox@" + BusyboxManifest);
        Assert.Equal(Busybox.Id, resolved?.Image.Id);
    }

    [Fact]
    public void Find_ByNameTagAndDigest_UsesTheDigest()
    {
        Assert.Equal(Busybox.Id, ImageResolver.Find(All, "busybox:latest@" + BusyboxManifest)?.Image.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("sha256:abc")]
    [InlineData("sha256:")]
    [InlineData("ABC123")]
    [InlineData("busybox:1.35")]
    [InlineData("app:v1")]
    [InlineData("sha256:abc1230000000000000000000000000000000000000000000000000000000009")]
    [InlineData("abc1230000000000000000000000000000000000000000000000000000000009")]
    [InlineData("busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("::")]
    public void Find_Unknown_OrAmbiguous_IsNull(string input)
    {
        Assert.Null(ImageResolver.Find(All, input));
    }

    [Theory]
    [InlineData("nothere", "No such image: nothere:latest")]
    [InlineData("user/nothere:v2", "No such image: user/nothere:v2")]
    [InlineData("abc", "No such image: abc:latest")]
    [InlineData("sha256:ffff", "No such image: sha256:ffff")]
    public void Get_Missing_IsNotFoundWithDockerWording(string input, string message)
    {
        var thrown = Assert.Throws<BerthException>(() => ImageResolver.Get(All, input));
        Assert.Equal(ErrorKind.NotFound, thrown.Kind);
        Assert.Equal(message, thrown.Message);
    }
}
