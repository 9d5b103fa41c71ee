namespace Berth.Oci.Tests;

/// <summary>
/// Cases ported from distribution/reference normalize_test.go (TestValidateReferenceName,
/// TestValidateRemoteName, TestParseRepositoryInfo, TestNormalizedSplitHostname, TestParseAnyReference):
/// Berth's <see cref="Reference.Parse"/> is Docker's ParseNormalizedNamed.
/// </summary>
public sealed class ReferenceNormalizeTests
{
    [Theory]
    [InlineData("docker/docker")]
    [InlineData("library/debian")]
    [InlineData("debian")]
    [InlineData("docker.io/docker/docker")]
    [InlineData("docker.io/library/debian")]
    [InlineData("docker.io/debian")]
    [InlineData("index.docker.io/docker/docker")]
    [InlineData("index.docker.io/library/debian")]
    [InlineData("index.docker.io/debian")]
    [InlineData("127.0.0.1:5000/docker/docker")]
    [InlineData("127.0.0.1:5000/library/debian")]
    [InlineData("127.0.0.1:5000/debian")]
    [InlineData("192.168.0.1")]
    [InlineData("192.168.0.1:80")]
    [InlineData("192.168.0.1:8/debian")]
    [InlineData("192.168.0.2:25000/debian")]
    [InlineData("thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev")]
    [InlineData("[fc00::1]:5000/docker")]
    [InlineData("[fc00::1]:5000/docker/docker")]
    [InlineData("[fc00:1:2:3:4:5:6:7]:5000/library/debian")]
    [InlineData("docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a")]
    [InlineData("Docker/docker")]
    [InlineData("DOCKER/docker")]
    [InlineData("docker-rules/docker")]
    [InlineData("docker---rules/docker")]
    [InlineData("doc/docker")]
    [InlineData("d/docker")]
    [InlineData("jess/t")]
    [InlineData("dock__er/docker")]
    public void Parse_ValidName_Succeeds(string name)
    {
        Assert.True(Reference.TryParse(name, out _, out var error), error);
    }

    [Theory]
    [InlineData("https://github.com/docker/docker")]
    [InlineData("docker/Docker")]
    [InlineData("-docker")]
    [InlineData("-docker/docker")]
    [InlineData("-docker.io/docker/docker")]
    [InlineData("docker///docker")]
    [InlineData("docker.io/docker/Docker")]
    [InlineData("docker.io/docker///docker")]
    [InlineData("[fc00::1]")]
    [InlineData("[fc00::1]:5000")]
    [InlineData("fc00::1:5000/debian")]
    [InlineData("[fe80::1%eth0]:5000/debian")]
    [InlineData("[2001:db8:3:4::192.0.2.33]:5000/debian")]
    [InlineData("1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a")]
    [InlineData("docker-/docker")]
    [InlineData("-docker-/docker")]
    [InlineData("____/____")]
    [InlineData("_docker/_docker")]
    [InlineData("dock..er/docker")]
    [InlineData("dock_.er/docker")]
    [InlineData("dock-.er/docker")]
    [InlineData("docker/")]
    [InlineData("this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker")]
    [InlineData("")]
    [InlineData("::")]
    [InlineData(":justtag")]
    [InlineData("@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("aa/asdf$$^/aa")]
    [InlineData("repo@sha256:ffffffffffffffffffffffffffffffffff")]
    [InlineData("validname@invaliddigest:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("busybox@sha256:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    public void Parse_InvalidName_Fails(string name)
    {
        Assert.False(Reference.TryParse(name, out _, out var error));
        Assert.StartsWith("invalid", error, StringComparison.Ordinal);
        var thrown = Assert.Throws<BerthException>(() => Reference.Parse(name));
        Assert.Equal(ErrorKind.InvalidArgument, thrown.Kind);
        Assert.Equal(error, thrown.Message);
    }

    public static TheoryData<string, string, string, string, string> RepositoryInfo => new()
    {
        // input, familiar name, full name, domain, path (remote name)
        { "fooo/bar", "fooo/bar", "docker.io/fooo/bar", "docker.io", "fooo/bar" },
        { "docker.io/fooo/bar", "fooo/bar", "docker.io/fooo/bar", "docker.io", "fooo/bar" },
        { "index.docker.io/fooo/bar", "fooo/bar", "docker.io/fooo/bar", "docker.io", "fooo/bar" },
        { "ubuntu", "ubuntu", "docker.io/library/ubuntu", "docker.io", "library/ubuntu" },
        { "library/ubuntu", "ubuntu", "docker.io/library/ubuntu", "docker.io", "library/ubuntu" },
        { "docker.io/library/ubuntu", "ubuntu", "docker.io/library/ubuntu", "docker.io", "library/ubuntu" },
        { "nonlibrary/ubuntu", "nonlibrary/ubuntu", "docker.io/nonlibrary/ubuntu", "docker.io", "nonlibrary/ubuntu" },
        { "other/library", "other/library", "docker.io/other/library", "docker.io", "other/library" },
        { "127.0.0.1:8000/private/moonbase", "127.0.0.1:8000/private/moonbase", "127.0.0.1:8000/private/moonbase", "127.0.0.1:8000", "private/moonbase" },
        { "127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase", "127.0.0.1:8000", "privatebase" },
        { "example.com/private/moonbase", "example.com/private/moonbase", "example.com/private/moonbase", "example.com", "private/moonbase" },
        { "example.com/privatebase", "example.com/privatebase", "example.com/privatebase", "example.com", "privatebase" },
        { "example.com:8000/private/moonbase", "example.com:8000/private/moonbase", "example.com:8000/private/moonbase", "example.com:8000", "private/moonbase" },
        { "example.com:8000/privatebasee", "example.com:8000/privatebasee", "example.com:8000/privatebasee", "example.com:8000", "privatebasee" },
        { "ubuntu-12.04-base", "ubuntu-12.04-base", "docker.io/library/ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base" },
        { "index.docker.io/library/ubuntu-12.04-base", "ubuntu-12.04-base", "docker.io/library/ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base" },
        { "docker.io/foo", "foo", "docker.io/library/foo", "docker.io", "library/foo" },
        { "library/foo/bar", "library/foo/bar", "docker.io/library/foo/bar", "docker.io", "library/foo/bar" },
        { "store/foo/bar", "store/foo/bar", "docker.io/store/foo/bar", "docker.io", "store/foo/bar" },
        { "Foo/bar", "Foo/bar", "Foo/bar", "Foo", "bar" },
        { "FOO/bar", "FOO/bar", "FOO/bar", "FOO", "bar" },
        { "localhost/x", "localhost/x", "localhost/x", "localhost", "x" },
        { "localhost", "localhost", "docker.io/library/localhost", "docker.io", "library/localhost" },
        { "test.com/foo", "test.com/foo", "test.com/foo", "test.com", "foo" },
        { "test_com/foo", "test_com/foo", "docker.io/test_com/foo", "docker.io", "test_com/foo" },
        { "docker/migrator", "docker/migrator", "docker.io/docker/migrator", "docker.io", "docker/migrator" },
        { "test.com:8080/foo", "test.com:8080/foo", "test.com:8080/foo", "test.com:8080", "foo" },
        { "test-com:8080/foo", "test-com:8080/foo", "test-com:8080/foo", "test-com:8080", "foo" },
        { "xn--n3h.com/foo", "xn--n3h.com/foo", "xn--n3h.com/foo", "xn--n3h.com", "foo" },
        { "xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo" },
        { "docker.io/library/foo/bar", "library/foo/bar", "docker.io/library/foo/bar", "docker.io", "library/foo/bar" },
    };

    [Theory]
    [MemberData(nameof(RepositoryInfo))]
    public void Parse_Normalizes_AsDocker(string input, string familiar, string full, string domain, string path)
    {
        var reference = Reference.Parse(input);
        Assert.Equal(familiar, reference.FamiliarName);
        Assert.Equal(full, reference.Name);
        Assert.Equal(full, reference.ToString());
        Assert.Equal(familiar, reference.ToFamiliarString());
        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
        Assert.Null(reference.Tag);
        Assert.Null(reference.Digest);
    }

    [Theory]
    [InlineData("redis", "docker.io/library/redis")]
    [InlineData("redis:latest", "docker.io/library/redis:latest")]
    [InlineData("docker.io/library/redis:latest", "docker.io/library/redis:latest")]
    [InlineData("redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c", "docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    [InlineData("docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c", "docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    [InlineData("dmcgowan/myapp", "docker.io/dmcgowan/myapp")]
    [InlineData("dmcgowan/myapp:latest", "docker.io/dmcgowan/myapp:latest")]
    [InlineData("docker.io/mcgowan/myapp:latest", "docker.io/mcgowan/myapp:latest")]
    [InlineData("dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c", "docker.io/dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    [InlineData("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", "docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9")]
    [InlineData("dbcc1", "docker.io/library/dbcc1")]
    [InlineData("busybox", "docker.io/library/busybox")]
    [InlineData("docker.io/busybox", "docker.io/library/busybox")]
    [InlineData("index.docker.io/x", "docker.io/library/x")]
    [InlineData("localhost:5000/a/b:tag", "localhost:5000/a/b:tag")]
    public void Parse_String_IsEquivalent(string input, string equivalent)
    {
        var reference = Reference.Parse(input);
        Assert.Equal(equivalent, reference.ToString());
        Assert.Equal(reference, Reference.Parse(equivalent));
    }

    [Fact]
    public void Parse_TagAndDigest_KeepsBoth()
    {
        const string shortRef = "busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
        var reference = Reference.Parse(shortRef);
        Assert.Equal("docker.io/library/" + shortRef, reference.ToString());
        Assert.Equal("latest", reference.Tag);
        Assert.Equal("sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa", reference.Digest?.ToString());
        Assert.Equal(shortRef, reference.ToFamiliarString());
    }
}
