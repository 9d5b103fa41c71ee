using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

public sealed class TagTests
{
    [Fact]
    public void Tag_AddsNamesThatShareTheImageId()
    {
        using var t = new TestRoot();
        var id = Setup.ImportBusybox(t, "busybox:1");
        t.Berth.Run("tag", "busybox:1", "localhost:5000/a/b:tag").Ok();
        t.Berth.Run("tag", "busybox:1", "other").Ok();
        t.Berth.Run("image", "tag", id[7..19], "byid:x").Ok();
        Assert.Equal(["busybox:1", "byid:x", "localhost:5000/a/b:tag", "other:latest"], Setup.Names(t));
        var ids = t.Berth.Run("images", "--no-trunc", "--format", "{{.ID}}").Ok().Lines.Distinct();
        Assert.Equal([id], ids);
        var repoTags = t.Berth.Run("image", "inspect", "--format", "{{.RepoTags}}", "other").Ok().Stdout;
        Assert.Equal(["busybox:1", "byid:x", "localhost:5000/a/b:tag", "other:latest"],
            repoTags.Trim().TrimStart('[').TrimEnd(']').Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Inspect_RepoTags_AreSortedLikeDocker()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "zeta:1");
        t.Berth.Run("tag", "zeta:1", "beta:1").Ok();
        t.Berth.Run("tag", "zeta:1", "alpha:1").Ok();
        Assert.Equal("[alpha:1 beta:1 zeta:1]\n",
            t.Berth.Run("image", "inspect", "--format", "{{.RepoTags}}", "zeta:1").Ok().Stdout);
    }

    [Fact]
    public void Tag_MovesAnExistingTag()
    {
        using var t = new TestRoot();
        var first = Setup.ImportBusybox(t, "a:1");
        var second = Setup.ImportBusybox(t, "b:1", "--change", "ENV X=1");
        Assert.NotEqual(first, second);
        t.Berth.Run("tag", "b:1", "a:1").Ok();
        Assert.Equal(second + "\n", t.Berth.Run("images", "-q", "--no-trunc", "a:1").Ok().Stdout);
        // The image that lost its only name is now dangling.
        Assert.Equal(first + "\n", t.Berth.Run("images", "-q", "--no-trunc", "--filter", "dangling=true").Ok().Stdout);
    }

    [Theory]
    [InlineData("Bad:x", "Error parsing reference: \"Bad:x\" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase")]
    [InlineData("a::b", "Error parsing reference: \"a::b\" is not a valid repository/tag: invalid reference format")]
    public void Tag_InvalidTarget_UsesDockersMessage(string target, string message)
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "src:1");
        var r = t.Berth.Run("tag", "src:1", target);
        r.OneLineError();
        Assert.Equal($"Error: {message}\n", r.Stderr);
        Assert.Equal(["src:1"], Setup.Names(t));
    }

    [Fact]
    public void Tag_MissingSource_IsNoSuchImage()
    {
        using var t = new TestRoot();
        var r = t.Berth.Run("tag", "nope", "x:1");
        r.OneLineError();
        Assert.Equal("Error: No such image: nope:latest\n", r.Stderr);
    }
}
