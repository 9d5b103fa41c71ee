using Berth.Runtime.Options;
using Berth.Runtime.Tests.Spec;

namespace Berth.Runtime.Tests.Options;

public sealed class DeviceAndTmpfsTests
{
    [Theory]
    [InlineData("/dev/fuse", "/dev/fuse", "/dev/fuse", "rwm")]
    [InlineData("/dev/sda:/dev/xvda", "/dev/sda", "/dev/xvda", "rwm")]
    [InlineData("/dev/sda:rw", "/dev/sda", "/dev/sda", "rw")]
    [InlineData("/dev/sda:/dev/xvda:r", "/dev/sda", "/dev/xvda", "r")]
    [InlineData("/dev/sda:/dev//xvda/", "/dev/sda", "/dev/xvda", "rwm")]
    public void DeviceSpec_parses_host_container_and_permissions(string text, string host, string container, string permissions) =>
        Assert.Equal(new DeviceSpec(host, container, permissions), DeviceSpec.Parse(text));

    [Theory]
    [InlineData(":/dev/x", "bad format for path: :/dev/x")]
    [InlineData("/a:/b:rw:x", "bad format for path: /a:/b:rw:x")]
    [InlineData("/dev/a:/dev/b:rwx", "bad mode specified: rwx")]
    [InlineData("/dev/a:/dev/b:rr", "bad mode specified: rr")]
    [InlineData("/dev/a:dev/b", "dev/b is not an absolute path")]
    [InlineData("sda", "sda is not an absolute path")]
    public void DeviceSpec_refuses_bad_specs_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => DeviceSpec.Parse(text));

    [Fact]
    public void TmpfsSpec_parses_destination_and_options_and_merges_them_over_dockers_defaults()
    {
        var spec = TmpfsSpec.Parse("/run:rw,size=64m,exec");
        Assert.Equal("/run", spec.Destination);
        Assert.Equal(["rw", "size=64m", "exec"], spec.Options);
        var mount = spec.ToOciMount();
        Assert.Equal(("tmpfs", "/run"), (mount.Type, mount.Destination));
        Assert.Equal(["nosuid", "nodev", "rprivate", "rw", "size=64m", "exec"], mount.Options!);
    }

    [Fact]
    public void TmpfsSpec_without_options_gets_dockers_defaults()
    {
        var mount = TmpfsSpec.Parse("/tmp").ToOciMount();
        Assert.Equal(["noexec", "nosuid", "nodev", "rprivate"], mount.Options!);
    }

    [Fact]
    public void Later_tmpfs_options_override_earlier_ones_of_their_kind() =>
        Assert.Equal(["noexec", "nosuid", "nodev", "ro", "size=2m", "shared"], TmpfsOptions.Merge(["size=1m", "rw", "ro", "size=2m", "shared"]));

    [Theory]
    [InlineData("run:rw", "invalid mount path: 'run' mount path must be absolute")]
    [InlineData("/", "invalid specification: destination can't be '/'")]
    [InlineData("/run:bogus", "invalid tmpfs option [\"bogus\"]")]
    [InlineData("/run:color=red", "invalid tmpfs option [\"color\" \"red\"]")]
    public void TmpfsSpec_refuses_bad_specs(string text, string message) => Invalid.Throws(message, () => TmpfsSpec.Parse(text));
}
