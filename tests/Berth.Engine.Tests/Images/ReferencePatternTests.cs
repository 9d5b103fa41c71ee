using Berth.Engine.Images;

namespace Berth.Engine.Tests.Images;

/// <summary>
/// Docker's <c>reference</c> filter (reference.FamiliarMatch: path.Match against the familiar string and the
/// familiar name), with the cases of distribution/reference normalize_test.go TestMatch.
/// </summary>
public sealed class ReferencePatternTests
{
    [Theory]
    [InlineData("busy*", "docker.io/library/busybox:1.36", true)]
    [InlineData("busybox", "docker.io/library/busybox:1.36", true)]
    [InlineData("busybox:1*", "docker.io/library/busybox:1.36", true)]
    [InlineData("busybox:1*", "docker.io/library/busybox:latest", false)]
    [InlineData("busybox:latest", "docker.io/library/busybox:latest", true)]
    [InlineData("busybox:lat?st", "docker.io/library/busybox:latest", true)]
    [InlineData("alpine", "docker.io/library/busybox:latest", false)]
    [InlineData("*", "docker.io/library/busybox:latest", true)]
    [InlineData("*", "docker.io/user/app:latest", false)]
    [InlineData("*/*", "docker.io/user/app:latest", true)]
    [InlineData("*/*", "docker.io/library/busybox:latest", false)]
    [InlineData("*/*", "localhost:5000/x:latest", true)]
    [InlineData("localhost:5000/*", "localhost:5000/x:latest", true)]
    [InlineData("localhost:5000/*", "localhost:5000/a/b:latest", false)]
    [InlineData("localhost:5000/*/*", "localhost:5000/a/b:latest", true)]
    [InlineData("library/busybox", "docker.io/library/busybox:latest", false)]
    [InlineData("docker.io/library/busybox", "docker.io/library/busybox:latest", false)]
    [InlineData("user/*", "docker.io/user/app:v1", true)]
    [InlineData("[ab]usybox", "docker.io/library/busybox:latest", true)]
    [InlineData("[^b]usybox", "docker.io/library/busybox:latest", false)]
    [InlineData("busybox@sha256:*", "docker.io/library/busybox@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582", true)]
    [InlineData("busybox", "docker.io/library/busybox@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582", true)]
    public void Matches_AsDocker(string pattern, string storedName, bool expected)
    {
        Assert.Equal(expected, ReferencePattern.Matches(pattern, storedName));
    }

    [Theory]
    [InlineData("docker.io/library/foo", "foo/**/ba[rz]", false)]
    [InlineData("docker.io/foo/any/bat", "foo/**/ba[rz]", false)]
    [InlineData("docker.io/foo/a/bar", "foo/**/ba[rz]", true)]
    [InlineData("docker.io/foo/b/baz", "foo/**/ba[rz]", true)]
    [InlineData("docker.io/foo/c/baz:tag", "foo/**/ba[rz]", true)]
    [InlineData("docker.io/foo/c/baz:tag", "foo/*/baz:tag", true)]
    [InlineData("docker.io/foo/c/baz:tag", "foo/c/baz:tag", true)]
    [InlineData("example.com/foo/c/baz:tag", "*/foo/c/baz", true)]
    [InlineData("example.com/foo/c/baz:tag", "example.com/foo/c/baz", true)]
    public void Matches_DistributionReferenceCases(string storedName, string pattern, bool expected)
    {
        Assert.Equal(expected, ReferencePattern.Matches(pattern, storedName));
    }

    [Fact]
    public void Matches_UnparsableStoredName_IsFalse()
    {
        Assert.False(ReferencePattern.Matches("*", "NOT A NAME"));
    }
}
