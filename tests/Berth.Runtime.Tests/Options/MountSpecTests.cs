using Berth.Runtime.Options;
using Berth.Runtime.Tests.Spec;

namespace Berth.Runtime.Tests.Options;

public sealed class MountSpecTests
{
    [Fact]
    public void A_bind_with_propagation_and_readonly_becomes_an_rbind()
    {
        var spec = MountSpec.Parse("type=bind,src=/data,dst=/mnt,readonly,bind-propagation=rshared");
        Assert.Equal((MountType.Bind, "/data", "/mnt", true, "rshared"), (spec.Type, spec.Source, spec.Target, spec.ReadOnly, spec.BindPropagation));
        var mount = spec.ToOciMount();
        Assert.Equal(("bind", "/data", "/mnt"), (mount.Type, mount.Source, mount.Destination));
        Assert.Equal(["rbind", "ro", "rshared"], mount.Options!);
        Assert.Equal(["bind", "rprivate"], MountSpec.Parse("type=bind,source=/a,target=/b,bind-nonrecursive").ToOciMount().Options!);
    }

    [Fact]
    public void Type_defaults_to_volume_and_keys_are_case_insensitive()
    {
        var spec = MountSpec.Parse("Source=cache,Destination=/cache,volume-nocopy,volume-opt=type=nfs,volume-opt=o=addr=1.2.3.4,volume-label=a=b,volume-driver=local");
        Assert.Equal((MountType.Volume, "cache", "/cache", true, "local"), (spec.Type, spec.Source, spec.Target, spec.VolumeNoCopy, spec.VolumeDriver));
        Assert.Equal("nfs", spec.VolumeOptions["type"]);
        Assert.Equal("addr=1.2.3.4", spec.VolumeOptions["o"]);
        Assert.Equal("b", spec.VolumeLabels["a"]);
        Assert.Equal(["rbind"], spec.ToOciMount("/var/lib/berth/volumes/cache/_data").Options!);
    }

    [Fact]
    public void An_anonymous_volume_has_no_source() => Assert.Null(MountSpec.Parse("target=/data").Source);

    [Fact]
    public void Readonly_takes_go_booleans()
    {
        Assert.False(MountSpec.Parse("type=tmpfs,dst=/t,ro=false").ReadOnly);
        Assert.True(MountSpec.Parse("type=tmpfs,dst=/t,readonly=1").ReadOnly);
    }

    [Fact]
    public void Tmpfs_size_and_mode_become_dockers_tmpfs_options()
    {
        var spec = MountSpec.Parse("type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770");
        Assert.Equal((64L << 20, 0x3F8u), (spec.TmpfsSizeBytes, spec.TmpfsMode));
        Assert.Equal(["noexec", "nosuid", "nodev", "rprivate", "mode=1770", "size=64m"], spec.ToOciMount().Options!);
        Assert.Contains("size=1000", MountSpec.Parse("type=tmpfs,dst=/t,tmpfs-size=1000").ToOciMount().Options!);
    }

    [Fact]
    public void Quoted_csv_fields_may_hold_commas() =>
        Assert.Equal("a,b", MountSpec.Parse("type=volume,src=v1,dst=/v,\"volume-opt=o=a,b\"").VolumeOptions["o"]);

    [Theory]
    [InlineData("type=bind,src=/a,dst=/b,bogus", "invalid field 'bogus' must be a key=value pair")]
    [InlineData("type=bind,src=/a,dst=/b,color=red", "unexpected key 'color' in 'color=red'")]
    [InlineData("type=bind,src=/a,dst=/b,ro=maybe", "invalid value for ro: maybe")]
    [InlineData("type=volume,dst=/b,volume-nocopy=maybe", "invalid value for volume-nocopy: maybe")]
    [InlineData("type=tmpfs,dst=/b,tmpfs-size=big", "invalid value for tmpfs-size: big")]
    [InlineData("type=tmpfs,dst=/b,tmpfs-mode=999", "invalid value for tmpfs-mode: 999")]
    [InlineData("type=,dst=/b", "type is required")]
    [InlineData("type=bind,src=/a", "target is required")]
    [InlineData("type=bind,src=/a,dst=/b,volume-nocopy", "cannot mix 'volume-*' options with mount type 'bind'")]
    [InlineData("type=volume,dst=/b,bind-propagation=shared", "cannot mix 'bind-*' options with mount type 'volume'")]
    [InlineData("type=bind,src=/a,dst=/b,tmpfs-size=1m", "cannot mix 'tmpfs-*' options with mount type 'bind'")]
    [InlineData("type=bind,dst=/b", "invalid mount config for type \"bind\": field Source must not be empty")]
    [InlineData("type=bind,src=rel,dst=/b", "invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute")]
    [InlineData("type=bind,src=/a,dst=b", "invalid mount config for type \"bind\": invalid mount path: 'b' mount path must be absolute")]
    [InlineData("type=bind,src=/a,dst=/", "invalid mount config for type \"bind\": invalid specification: destination can't be '/'")]
    [InlineData("type=bind,src=/a,dst=/b,bind-propagation=weird", "invalid mount config for type \"bind\": invalid propagation mode: weird")]
    [InlineData("type=tmpfs,src=/a,dst=/b", "invalid mount config for type \"tmpfs\": field Source must not be specified")]
    [InlineData("type=volume,dst=/b,ro", "invalid mount config for type \"volume\": must not set ReadOnly mode when using anonymous volumes")]
    [InlineData("type=nfs,dst=/b", "invalid mount config for type \"nfs\": mount type unknown")]
    [InlineData("type=volume,src=a/b,dst=/b", "create a/b: \"a/b\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")]
    public void Bad_mounts_are_refused_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => MountSpec.Parse(text));
}
