using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

/// <summary>Runs what <see cref="SpecBuilder"/> writes with the real runc, each test with its own bundle and state root.</summary>
public sealed class RuncAcceptsSpecTests
{
    [RuncFact]
    public async Task Runc_runs_true_from_the_default_spec()
    {
        using var bundle = new RuncBundle();
        var (exit, _, stderr) = await bundle.RunAsync(SpecBuilder.Build(RuncBundle.Options("true") with { Hostname = "box" }));
        Assert.True(exit == 0, stderr);
    }

    [RuncFact]
    public async Task Runc_runs_id_as_the_given_user()
    {
        using var bundle = new RuncBundle();
        var (exit, stdout, stderr) = await bundle.RunAsync(SpecBuilder.Build(RuncBundle.Options("id") with { Uid = 1000, Gid = 1001, AdditionalGids = [5] }));
        Assert.True(exit == 0, stderr);
        Assert.Equal("uid=1000 gid=1001 groups=5", stdout.Trim());
    }

    [RuncFact]
    public async Task Default_caps_seccomp_and_no_new_privs_show_in_proc_status()
    {
        using var bundle = new RuncBundle();
        var (exit, stdout, stderr) = await bundle.RunAsync(SpecBuilder.Build(RuncBundle.Options("cat", "/proc/self/status") with { NoNewPrivileges = true }));
        Assert.True(exit == 0, stderr);
        var status = stdout.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        // Docker's fourteen default capabilities as a bit mask.
        Assert.Equal("00000000a80425fb", status["CapEff"]);
        Assert.Equal("00000000a80425fb", status["CapBnd"]);
        Assert.Equal("0000000000000000", status["CapInh"]);
        Assert.Equal("1", status["NoNewPrivs"]);
        Assert.Equal("2", status["Seccomp"]);
    }

    [RuncFact]
    public async Task Seccomp_blocks_what_the_default_profile_denies()
    {
        using var bundle = new RuncBundle();
        // unshare is CAP_SYS_ADMIN-only in docker's profile: EPERM even for root in the container.
        var (exit, _, _) = await bundle.RunAsync(SpecBuilder.Build(RuncBundle.Options("sh", "-c", "busybox unshare -m true")));
        Assert.NotEqual(0, exit);
    }

    [RuncFact]
    public async Task Privileged_runs_with_all_caps_and_no_filter()
    {
        using var bundle = new RuncBundle();
        var (exit, stdout, stderr) = await bundle.RunAsync(SpecBuilder.Build(RuncBundle.Options("grep", "Seccomp:", "/proc/self/status") with { Privileged = true }));
        Assert.True(exit == 0, stderr);
        Assert.Equal("0", stdout.Split(':')[1].Trim());
    }

    [RuncFact]
    public async Task A_read_only_rootfs_refuses_writes_but_shm_stays_writable()
    {
        using var bundle = new RuncBundle();
        var (exit, stdout, stderr) = await bundle.RunAsync(SpecBuilder.Build(
            RuncBundle.Options("sh", "-c", "touch /x 2>/dev/null && echo rootfs-writable; touch /dev/shm/y && echo shm-ok") with { ReadOnlyRootfs = true }));
        Assert.True(exit == 0, stderr);
        Assert.Equal("shm-ok", stdout.Trim());
    }

    [RuncFact]
    public async Task Host_files_are_bound_and_init_runs_the_command_under_tini()
    {
        if (!File.Exists("/usr/bin/tini-static")) Assert.Fail("tini-static is missing at /usr/bin/tini-static");
        using var bundle = new RuncBundle();
        var hosts = bundle.HostFile("hosts", "127.0.0.1 localhost berth-test\n");
        var spec = SpecBuilder.Build(RuncBundle.Options("cat", "/etc/hosts") with
        {
            HostsPath = hosts, Init = true, InitBinaryPath = "/usr/bin/tini-static",
        });
        var (exit, stdout, stderr) = await bundle.RunAsync(spec);
        Assert.True(exit == 0, stderr);
        Assert.Equal("127.0.0.1 localhost berth-test", stdout.Trim());
    }

    [RuncFact]
    public async Task Runc_exec_accepts_the_exec_process_document()
    {
        using var bundle = new RuncBundle();
        var spec = SpecBuilder.Build(RuncBundle.Options("sh", "-c", "sleep 30"));
        var process = SpecBuilder.BuildExecProcess(new ExecProcessOptions
        {
            Args = ["id"], Env = ["PATH=/bin"], Uid = 7, Gid = 8, ContainerCapabilities = spec.Process!.Capabilities!.Bounding,
        });
        var (exit, stdout, stderr) = await bundle.ExecAsync(spec, process);
        Assert.True(exit == 0, stderr);
        Assert.Equal("uid=7 gid=8", stdout.Trim());
    }
}
