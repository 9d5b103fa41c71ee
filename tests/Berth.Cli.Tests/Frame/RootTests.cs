using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Frame;

/// <summary>The state root comes from --root, else BERTH_ROOT; the flag wins.</summary>
public sealed class RootTests
{
    [Fact]
    public void BerthRootEnv_IsUsedWhenNoFlag()
    {
        using var t = new TestRoot();
        var envRoot = Path.Combine(t.Dir, "env-root");
        var env = new Dictionary<string, string> { ["BERTH_ROOT"] = envRoot, ["BERTH_RUNROOT"] = t.RunRoot };
        var r = t.Berth.Exec(["info", "--format", "{{.DockerRootDir}}"], env: env, globalFlags: false).Ok();
        Assert.Equal(envRoot + "\n", r.Stdout);

        BusyboxRootfs.WriteTar(t.WorkPath("rootfs.tar"));
        t.Berth.Exec(["import", t.WorkPath("rootfs.tar"), "viaenv:1"], env: env, globalFlags: false).Ok();
        Assert.True(File.Exists(Path.Combine(envRoot, "berth.db")), "the env root holds the store");
        Assert.Equal("viaenv:1\n",
            t.Berth.Exec(["images", "--format", "{{.Repository}}:{{.Tag}}"], env: env, globalFlags: false).Ok().Stdout);
        // The --root store is a different one and stays empty.
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    [Fact]
    public void RootFlag_WinsOverEnv()
    {
        using var t = new TestRoot();
        var envRoot = Path.Combine(t.Dir, "env-root");
        var env = new Dictionary<string, string> { ["BERTH_ROOT"] = envRoot };
        var r = t.Berth.Exec(["info", "--format", "{{.DockerRootDir}}"], env: env).Ok();
        Assert.Equal(t.StateRoot + "\n", r.Stdout);
        Assert.False(Directory.Exists(envRoot) && Directory.EnumerateFileSystemEntries(envRoot).Any(),
            "nothing is written to the env root when --root is given");
    }
}
