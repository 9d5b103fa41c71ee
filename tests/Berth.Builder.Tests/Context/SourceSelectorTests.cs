using Berth.Builder.Context;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Builder.Tests.Context;

public sealed class SourceSelectorTests
{
    private static CopySourceRoot Context(string root, string ignore = "") =>
        new(root, IgnorePatterns.Parse(ignore), IsContext: true);

    private static string[] Names(IReadOnlyList<SelectedSource> sources) => sources.Select(s => s.RelativePath).ToArray();

    [Fact]
    public void Select_PlainFile_IsItself()
    {
        using var temp = new TempDir();
        var file = TestFiles.Write(temp.Path, "dir/a.txt");
        var selected = Assert.Single(SourceSelector.Select(Context(temp.Path), "./dir/a.txt", []));
        Assert.Equal("dir/a.txt", selected.RelativePath);
        Assert.Equal(file, selected.HostPath);
        Assert.False(selected.IsDirectory);
        Assert.False(selected.MatchedByWildcard);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("../../..")]
    public void Select_RootOrAboveIt_IsTheRoot(string source)
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "a");
        var selected = Assert.Single(SourceSelector.Select(Context(temp.Path), source, []));
        Assert.Equal("", selected.RelativePath);
        Assert.True(selected.IsDirectory);
        Assert.Equal(temp.Path, selected.HostPath);
    }

    [Fact]
    public void Select_DotDotPrefix_IsClampedToTheRoot()
    {
        using var temp = new TempDir();
        var inner = TestFiles.Dir(temp.Path, "ctx");
        TestFiles.Write(temp.Path, "secret.txt", "outside");
        TestFiles.Write(inner, "secret.txt", "inside");
        var selected = Assert.Single(SourceSelector.Select(Context(inner), "../secret.txt", []));
        Assert.Equal("inside", File.ReadAllText(selected.HostPath));
    }

    [Fact]
    public void Select_Missing_FailsWithBuildKitWording()
    {
        using var temp = new TempDir();
        var error = Assert.Throws<BerthException>(() => SourceSelector.Select(Context(temp.Path), "missing.txt", []));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("failed to compute cache key: \"/missing.txt\": not found", error.Message);
    }

    [Fact]
    public void Select_WildcardWithoutMatch_FailsNamingThePattern()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "a.txt");
        var error = Assert.Throws<BerthException>(() => SourceSelector.Select(Context(temp.Path), "*.md", []));
        Assert.Equal("failed to compute cache key: \"/*.md\": not found", error.Message);
    }

    [Fact]
    public void Select_Wildcards_MatchPerComponentInByteOrder()
    {
        using var temp = new TempDir();
        foreach (var name in new[] { "b.txt", "a.txt", "B.txt", "c.md", "sub1/x.txt", "sub2/y.txt", "sub2/z.md", "subdir/deep/w.txt" })
            TestFiles.Write(temp.Path, name);
        var root = Context(temp.Path);
        Assert.Equal(["B.txt", "a.txt", "b.txt"], Names(SourceSelector.Select(root, "*.txt", [])));
        Assert.Equal(["sub1/x.txt", "sub2/y.txt"], Names(SourceSelector.Select(root, "sub?/*.txt", [])));
        Assert.Equal(["a.txt", "b.txt"], Names(SourceSelector.Select(root, "[ab].txt", [])));
        Assert.Equal(["subdir/deep"], Names(SourceSelector.Select(root, "sub*/deep", [])));
        Assert.All(SourceSelector.Select(root, "*.txt", []), s => Assert.True(s.MatchedByWildcard));
    }

    [Fact]
    public void Select_EscapedWildcard_IsLiteral()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "a*b");
        TestFiles.Write(temp.Path, "axb");
        var selected = Assert.Single(SourceSelector.Select(Context(temp.Path), "a\\*b", []));
        Assert.Equal("a*b", selected.RelativePath);
        Assert.False(selected.MatchedByWildcard);
    }

    [Fact]
    public void Select_BadWildcard_IsASyntaxError()
    {
        using var temp = new TempDir();
        var error = Assert.Throws<BerthException>(() => SourceSelector.Select(Context(temp.Path), "a[", []));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("syntax error in pattern", error.Message);
    }

    [Fact]
    public void Select_IgnoredFile_IsNotFound()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "secret.env");
        TestFiles.Write(temp.Path, "app.txt");
        var root = Context(temp.Path, "*.env\n");
        var error = Assert.Throws<BerthException>(() => SourceSelector.Select(root, "secret.env", []));
        Assert.Equal("failed to compute cache key: \"/secret.env\": not found", error.Message);
        Assert.Equal(["app.txt"], Names(SourceSelector.Select(root, "*", [])));
    }

    [Fact]
    public void Select_SymlinkToIgnoredFile_IsNotFound()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "secret.env");
        TestFiles.Symlink(temp.Path, "link", "secret.env");
        Assert.Throws<BerthException>(() => SourceSelector.Select(Context(temp.Path, "secret.env"), "link", []));
    }

    [Fact]
    public void Select_ExcludedDirectoryWithReincludedFile_IsVisibleWithOnlyThatFile()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "docs/keep.md");
        TestFiles.Write(temp.Path, "docs/drop.md");
        TestFiles.Write(temp.Path, "docs/sub/drop2.md");
        var selected = Assert.Single(SourceSelector.Select(Context(temp.Path, "docs\n!docs/keep.md"), "docs", []));
        Assert.True(selected.IsDirectory);
        var hasher = new ContentHasher();
        // Compare against a context that really holds only the re-included file.
        using var other = new TempDir();
        TestFiles.Write(other.Path, "docs/keep.md");
        File.SetLastWriteTimeUtc(Path.Combine(other.Path, "docs"), Directory.GetLastWriteTimeUtc(Path.Combine(temp.Path, "docs")));
        var expected = hasher.Hash(SourceSelector.Select(Context(other.Path), "docs", []));
        Assert.Equal(expected, hasher.Hash([selected]));
    }

    [Fact]
    public void Select_SymlinkSource_IsFollowedInsideTheRoot()
    {
        using var temp = new TempDir();
        var rootfs = TestFiles.Dir(temp.Path, "rootfs");
        TestFiles.Write(rootfs, "etc/real.conf", "inside");
        TestFiles.Write(temp.Path, "etc/real.conf", "host");
        // An absolute target means the rootfs's /etc, not the host's.
        TestFiles.Symlink(rootfs, "app/conf", "/etc/real.conf");
        TestFiles.Symlink(rootfs, "app/up", "../../../../etc");
        var root = CopySourceRoot.ForRootfs(rootfs);
        var conf = Assert.Single(SourceSelector.Select(root, "/app/conf", []));
        Assert.Equal("app/conf", conf.RelativePath);
        Assert.Equal("inside", File.ReadAllText(conf.HostPath));
        Assert.False(conf.IsContext);
        var up = Assert.Single(SourceSelector.Select(root, "/app/up/real.conf", []));
        Assert.Equal(Path.Combine(rootfs, "etc/real.conf"), up.HostPath);
    }

    [Fact]
    public void Select_DanglingSymlink_IsNotFound()
    {
        using var temp = new TempDir();
        TestFiles.Symlink(temp.Path, "link", "/nowhere");
        Assert.Throws<BerthException>(() => SourceSelector.Select(Context(temp.Path), "link", []));
    }

    [Fact]
    public void Select_ExcludeMatchingAWildcardMatch_DropsIt()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "home.txt");
        TestFiles.Write(temp.Path, "home.md");
        TestFiles.Write(temp.Path, "homer/a.txt");
        var selected = SourceSelector.Select(Context(temp.Path), "hom*", ["*.txt"]);
        Assert.Equal(["home.md", "homer"], Names(selected));
    }

    [Fact]
    public void Select_ParentsPivot_KeepsThePathBelowIt()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "src/app/main.go");
        var pivoted = Assert.Single(SourceSelector.Select(Context(temp.Path), "src/./app/main.go", []));
        Assert.Equal("src/app/main.go", pivoted.RelativePath);
        Assert.Equal("app/main.go", pivoted.ParentsPath);
        var plain = Assert.Single(SourceSelector.Select(Context(temp.Path), "src/app/main.go", []));
        Assert.Null(plain.ParentsPath);
    }

    [Fact]
    public void Select_BadExcludePattern_Fails()
    {
        using var temp = new TempDir();
        TestFiles.Write(temp.Path, "a");
        Assert.Throws<BerthException>(() => SourceSelector.Select(Context(temp.Path), "a", ["[x"]));
    }
}
