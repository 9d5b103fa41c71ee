using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class RunMountTests
{
    [Fact]
    public void Bind_Defaults_ToReadOnlyContextBind()
    {
        var m = RunMount.Parse("target=/src");
        Assert.Equal(("bind", "/src", true, (string?)null), (m.Type, m.Target, m.ReadOnly, m.From));
        Assert.False(RunMount.Parse("type=bind,source=go.mod,dst=/x,from=build,rw").ReadOnly);
        Assert.Equal(("go.mod", "build"), (RunMount.Parse("type=bind,src=go.mod,dst=/x,from=build").Source, RunMount.Parse("type=bind,src=go.mod,target=/x,from=build").From));
    }

    [Fact]
    public void Cache_WithOwnership()
    {
        var m = RunMount.Parse("TYPE=Cache,target=/root/.cache,id=gocache,sharing=LOCKED,mode=0755,uid=1000,gid=1000");
        Assert.Equal(("cache", "gocache", "locked", false), (m.Type, m.Id, m.Sharing, m.ReadOnly));
        Assert.Equal((493u, 1000u, 1000u), (m.Mode!.Value, m.Uid!.Value, m.Gid!.Value));
        Assert.True(RunMount.Parse("type=cache,target=/x,ro").ReadOnly);
    }

    [Fact]
    public void Tmpfs_Size_IsBinary()
    {
        Assert.Equal(64L * 1024 * 1024, RunMount.Parse("type=tmpfs,target=/tmp,size=64m").SizeLimit);
        Assert.Equal(1536L * 1024 * 1024, RunMount.Parse("type=tmpfs,target=/tmp,size=1.5GiB").SizeLimit);
        Assert.Equal(100L, RunMount.Parse("type=tmpfs,target=/tmp,size=100").SizeLimit);
        Assert.False(RunMount.Parse("type=tmpfs,target=/tmp").ReadOnly);
    }

    [Fact]
    public void SecretAndSsh()
    {
        var secret = RunMount.Parse("type=secret,id=npmrc,target=/root/.npmrc,required,env=TOKEN");
        Assert.Equal(("secret", "npmrc", true, "TOKEN", true), (secret.Type, secret.Id, secret.Required, secret.Env, secret.ReadOnly));
        Assert.False(RunMount.Parse("type=ssh,required=false").Required);
        Assert.True(RunMount.Parse("type=ssh,required=1").Required);
    }

    [Fact]
    public void QuotedCsvField_MayHoldCommas()
    {
        Assert.Equal("/a,b", RunMount.Parse("type=bind,\"target=/a,b\"").Target);
    }

    [Theory]
    [InlineData("type=volume", "unsupported mount type \"volume\"")]
    [InlineData("type=cahce", "unsupported mount type \"cahce\" (did you mean cache?)")]
    [InlineData("type=cache,sharing=exclusive", "unsupported sharing value \"exclusive\"")]
    [InlineData("target=/x,trget=/y", "unexpected key 'trget' in 'trget=/y' (did you mean target?)")]
    [InlineData("target=/x,nosuid", "invalid field 'nosuid' must be a key=value pair")]
    [InlineData("target=/x,required", "unexpected key 'required' for mount type 'bind'")]
    [InlineData("required,type=secret,id=x", "unexpected key 'required' for mount type 'bind'")]
    [InlineData("target=/x,size=1m", "unexpected key 'size' for mount type 'bind'")]
    [InlineData("type=tmpfs,target=/x,size=lots", "invalid value for size: lots")]
    [InlineData("target=/x,ro=maybe", "invalid value for ro: maybe")]
    [InlineData("type=cache,target=/x,mode=0999", "invalid value 0999 for mode")]
    [InlineData("type=cache,target=/x,uid=-1", "invalid value -1 for uid")]
    [InlineData("target=/x,mode=0755", "mode not allowed for \"bind\" type mounts")]
    [InlineData("type=tmpfs,target=/x,gid=1", "gid not allowed for \"tmpfs\" type mounts")]
    [InlineData("type=secret,id=a,from=b", "secret mount should not have a from")]
    [InlineData("type=secret,id=a,sharing=shared", "secret mount should not define sharing")]
    [InlineData("type=secret", "invalid secret mount. one of source, target required")]
    [InlineData("type=secret,id=a,source=b", "both source and id can't be set")]
    [InlineData("target=/x,sharing=private", "invalid cache sharing set for bind mount")]
    public void BadMounts_AreRejected(string value, string message)
    {
        Assert.Equal(message, Assert.Throws<BerthException>(() => RunMount.Parse(value)).Message);
    }
}
