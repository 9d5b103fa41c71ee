using Berth.Runtime.Options;
using Berth.Runtime.Tests.Spec;

namespace Berth.Runtime.Tests.Options;

public sealed class VolumeSpecTests
{
    [Fact]
    public void An_absolute_source_is_a_bind_with_rprivate_propagation()
    {
        var spec = VolumeSpec.Parse("/srv/data:/data:ro,z");
        Assert.Equal((MountType.Bind, "/srv/data", "/data", true), (spec.Type, spec.Source, spec.Target, spec.ReadOnly));
        Assert.Equal(["rbind", "ro", "rprivate"], spec.ToOciMount().Options!);
        Assert.Equal(["rbind", "rslave"], VolumeSpec.Parse("/a:/b:rslave").ToOciMount().Options!);
    }

    [Fact]
    public void A_name_is_a_named_volume_and_a_lone_path_an_anonymous_one()
    {
        var named = VolumeSpec.Parse("cache:/cache:nocopy");
        Assert.Equal((MountType.Volume, "cache", true), (named.Type, named.Source, named.NoCopy));
        Assert.Equal(["rbind"], named.ToOciMount("/vol/cache").Options!);
        var anonymous = VolumeSpec.Parse("/data");
        Assert.Equal((MountType.Volume, null, "/data"), (anonymous.Type, anonymous.Source, anonymous.Target));
    }

    [Fact]
    public void A_dot_relative_source_is_made_absolute_against_the_working_directory() =>
        Assert.Equal("/home/me/site", VolumeSpec.Parse("./site:/usr/share/html", "/home/me").Source);

    [Theory]
    [InlineData("", "invalid volume specification: ''")]
    [InlineData(":/data", "invalid volume specification: ':/data'")]
    [InlineData("/data:rw", "invalid volume specification: '/data:rw'")]
    [InlineData("/a:/b:/c:/d", "invalid volume specification: '/a:/b:/c:/d'")]
    [InlineData("/a:/b:rw,ro", "invalid mode: rw,ro")]
    [InlineData("/a:/b:bogus", "invalid mode: bogus")]
    [InlineData("/a:b", "invalid volume specification: '/a:b': invalid mount config for type \"bind\": invalid mount path: 'b' mount path must be absolute")]
    [InlineData("/a:/", "invalid volume specification: '/a:/': invalid mount config for type \"bind\": invalid specification: destination can't be '/'")]
    [InlineData("vol:/b:shared", "invalid volume specification: 'vol:/b:shared': invalid mount config for type \"volume\": field BindOptions must not be specified")]
    [InlineData("/a:/b:nocopy", "invalid volume specification: '/a:/b:nocopy': invalid mount config for type \"bind\": field VolumeOptions must not be specified")]
    [InlineData("foo/bar:/b", "create foo/bar: \"foo/bar\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")]
    [InlineData("a:/b", "create a: volume name is too short, names should be at least two alphanumeric characters")]
    public void Bad_volumes_are_refused_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => VolumeSpec.Parse(text));
}
