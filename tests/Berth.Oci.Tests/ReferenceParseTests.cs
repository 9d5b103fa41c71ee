namespace Berth.Oci.Tests;

/// <summary>
/// Cases ported from distribution/reference reference_test.go (TestReferenceParse, TestWithTag, TestWithDigest),
/// read through normalization: a name without a registry host lands on docker.io.
/// </summary>
public sealed class ReferenceParseTests
{
    private const string Ffff = "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    private const string Ffff512 = "sha512:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    public static TheoryData<string, string, string, string?, string?> Valid => new()
    {
        // input, name, domain, tag, digest
        { "test_com", "docker.io/library/test_com", "docker.io", null, null },
        { "test.com:tag", "docker.io/library/test.com", "docker.io", "tag", null },
        { "test.com:5000", "docker.io/library/test.com", "docker.io", "5000", null },
        { "test.com/repo:tag", "test.com/repo", "test.com", "tag", null },
        { "test:5000/repo", "test:5000/repo", "test:5000", null, null },
        { "test:5000/repo:tag", "test:5000/repo", "test:5000", "tag", null },
        { "test:5000/repo@" + Ffff, "test:5000/repo", "test:5000", null, Ffff },
        { "test:5000/repo:tag@" + Ffff, "test:5000/repo", "test:5000", "tag", Ffff },
        { "lowercase:Uppercase", "docker.io/library/lowercase", "docker.io", "Uppercase", null },
        { "sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", null, null },
        { "sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "some-long-tag", null },
        { "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io/test.example.com/my-app", "b.gcr.io", "test.example.com", null },
        { "xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com/myimage", "xn--n3h.com", "xn--n3h.com", null },
        { "xn--7o8h.com/myimage:xn--7o8h.com@" + Ffff512, "xn--7o8h.com/myimage", "xn--7o8h.com", "xn--7o8h.com", Ffff512 },
        { "foo_bar.com:8080", "docker.io/library/foo_bar.com", "docker.io", "8080", null },
        { "foo/foo_bar.com:8080", "docker.io/foo/foo_bar.com", "docker.io", "8080", null },
        { "192.168.1.1", "docker.io/library/192.168.1.1", "docker.io", null, null },
        { "192.168.1.1:tag", "docker.io/library/192.168.1.1", "docker.io", "tag", null },
        { "192.168.1.1:5000", "docker.io/library/192.168.1.1", "docker.io", "5000", null },
        { "192.168.1.1/repo", "192.168.1.1/repo", "192.168.1.1", null, null },
        { "192.168.1.1:5000/repo", "192.168.1.1:5000/repo", "192.168.1.1:5000", null, null },
        { "192.168.1.1:5000/repo:5050", "192.168.1.1:5000/repo", "192.168.1.1:5000", "5050", null },
        { "[2001:db8::1]/repo", "[2001:db8::1]/repo", "[2001:db8::1]", null, null },
        { "[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]/repo", "[2001:db8:1:2:3:4:5:6]", "tag", null },
        { "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", null, null },
        { "[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "tag", null },
        { "[2001:db8::1]:5000/repo@" + Ffff, "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", null, Ffff },
        { "[2001:db8::1]:5000/repo:tag@" + Ffff, "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "tag", Ffff },
        { "[2001:db8::]:5000/repo", "[2001:db8::]:5000/repo", "[2001:db8::]:5000", null, null },
        { "[::1]:5000/repo", "[::1]:5000/repo", "[::1]:5000", null, null },
        { "localhost:5000/a/b:tag", "localhost:5000/a/b", "localhost:5000", "tag", null },
        { "a@" + Ffff, "docker.io/library/a", "docker.io", null, Ffff },
        { "a:b@" + Ffff, "docker.io/library/a", "docker.io", "b", Ffff },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_Valid_SplitsNameTagDigest(string input, string name, string domain, string? tag, string? digest)
    {
        var reference = Reference.Parse(input);
        Assert.Equal(name, reference.Name);
        Assert.Equal(domain, reference.Domain);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.ToString());
        Assert.Equal(name + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest), reference.ToString());
    }

    [Theory]
    [InlineData("", "invalid reference format")]
    [InlineData("::", "invalid reference format")]
    [InlineData(":justtag", "invalid reference format")]
    [InlineData("[2001:db8::1]", "invalid reference format")]
    [InlineData("[2001:db8::1]:5000", "invalid reference format")]
    [InlineData("[2001:db8::1]:tag", "invalid reference format")]
    [InlineData("[fe80::1%eth0]:5000/repo", "invalid reference format")]
    [InlineData("[fe80::1%@invalidzone]:5000/repo", "invalid reference format")]
    [InlineData("UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase")]
    [InlineData("Uppercase:tag", "invalid reference format: repository name (library/Uppercase) must be lowercase")]
    [InlineData("test:5000/Uppercase/lowercase:tag", "invalid reference format: repository name (Uppercase/lowercase) must be lowercase")]
    [InlineData("docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase")]
    [InlineData("1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "invalid repository name (1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a), cannot specify 64-byte hexadecimal strings")]
    public void Parse_Invalid_UsesDockerMessage(string input, string message)
    {
        Assert.False(Reference.TryParse(input, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Parse_NameOver255_IsTooLong()
    {
        var input = string.Concat(Enumerable.Repeat("a/", 128)) + "a:tag";
        Assert.False(Reference.TryParse(input, out _, out var error));
        Assert.Contains("must not be more than 255 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PathOf255_IsAccepted()
    {
        var path = string.Concat(Enumerable.Repeat("a/", 127)) + "a";
        var reference = Reference.Parse(path + ":tag-puts-this-over-max");
        Assert.Equal(path, reference.Path);
        Assert.Equal("tag-puts-this-over-max", reference.Tag);
    }

    [Fact]
    public void Parse_Tag128_IsAcceptedAnd129Rejected()
    {
        var tag = "t" + new string('a', 127);
        Assert.Equal(tag, Reference.Parse("busybox:" + tag).Tag);
        Assert.False(Reference.TryParse("busybox:" + tag + "a", out _, out _));
        Assert.True(Reference.IsValidTag(tag));
        Assert.False(Reference.IsValidTag(tag + "a"));
        Assert.False(Reference.IsValidTag("-foo"));
        Assert.False(Reference.IsValidTag(".foo"));
        Assert.True(Reference.IsValidTag("_foo"));
    }

    [Theory]
    [InlineData("test.com/foo", "tag", "test.com/foo:tag")]
    [InlineData("foo", "tag2", "docker.io/library/foo:tag2")]
    [InlineData("test.com:8000/foo", "tag4", "test.com:8000/foo:tag4")]
    [InlineData("test.com:8000/foo", "TAG5", "test.com:8000/foo:TAG5")]
    public void WithTag_Combines(string name, string tag, string combined)
    {
        Assert.Equal(combined, Reference.Parse(name).WithTag(tag).ToString());
    }

    [Fact]
    public void WithTag_InvalidTag_Throws()
    {
        var thrown = Assert.Throws<BerthException>(() => Reference.Parse("busybox").WithTag("-foo"));
        Assert.Equal(ErrorKind.InvalidArgument, thrown.Kind);
    }

    [Fact]
    public void WithDigest_ReplacesTag()
    {
        var digest = Digest.Parse(Ffff);
        var reference = Reference.Parse("test.com/foo:tag").WithDigest(digest);
        Assert.Equal("test.com/foo@" + Ffff, reference.ToString());
        Assert.Null(reference.Tag);
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36")]
    [InlineData("user/app", "docker.io/user/app:latest", "user/app:latest")]
    [InlineData("localhost:5000/x", "localhost:5000/x:latest", "localhost:5000/x:latest")]
    [InlineData("busybox@" + Ffff, "docker.io/library/busybox@" + Ffff, "busybox@" + Ffff)]
    public void WithDefaultTag_AddsLatestOnlyToBareNames(string input, string full, string familiar)
    {
        var reference = Reference.Parse(input).WithDefaultTag();
        Assert.Equal(full, reference.ToString());
        Assert.Equal(familiar, reference.ToFamiliarString());
    }

    [Fact]
    public void NameOnly_DropsTagAndDigest()
    {
        var reference = Reference.Parse("a:b@" + Ffff).NameOnly();
        Assert.Equal("docker.io/library/a", reference.ToString());
        Assert.Equal("a", reference.ToFamiliarString());
    }
}
