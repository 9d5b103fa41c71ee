namespace Berth.Cli.Tests.Containers;

/// <summary><c>berth run</c> in the foreground: output, exit codes, the image config and run's flags, with real runc.</summary>
public sealed class RunTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void Output_goes_to_stdout_and_stderr_and_the_exit_code_is_the_containers()
    {
        var result = _host.Run("run", "--rm", ContainerHost.Image, "sh", "-c", "echo out; echo err >&2; exit 3");
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Fact]
    public void A_signal_death_exits_128_plus_the_signal()
    {
        // PID 1 cannot be killed from inside its namespace; under --init the shell is not PID 1.
        var result = _host.Run("run", "--rm", "--init", ContainerHost.Image, "sh", "-c", "kill -9 $$");
        Assert.True(result.ExitCode == 137, result.ToString());
    }

    [Fact]
    public void A_missing_command_exits_127_and_a_non_executable_one_126()
    {
        _host.Run("run", "--rm", ContainerHost.Image, "no-such-command").FailsWith(127, "no-such-command");
        _host.Run("run", "--rm", ContainerHost.Image, "/etc/passwd").FailsWith(126, "permission denied");
        Assert.Empty(_host.Run("ps", "-aq").Lines);
    }

    [Fact]
    public void A_missing_image_exits_125()
    {
        var result = _host.Run("run", "--rm", "--pull", "never", "no-such-image", "true");
        result.FailsWith(125, "No such image: no-such-image:latest");
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Bad_flags_exit_125_and_create_nothing()
    {
        _host.Run("run", "--restart", "always", "--rm", ContainerHost.Image, "true").FailsWith(125, "Conflicting options: --restart and --rm");
        _host.Run("run", "--memory", "12q", ContainerHost.Image, "true").FailsWith(125, "invalid argument \"12q\" for \"-m, --memory\" flag: invalid suffix: 'q'");
        _host.Run("run", "-u", "nobody2", ContainerHost.Image, "true").FailsWith(125, "unable to find user nobody2");
        _host.Run("run", "--mount", "type=bind,source=/no/such/dir,target=/x", ContainerHost.Image, "true").FailsWith(125, "bind source path does not exist");
        _host.Run("run", "--runtime", "no-such-runtime", ContainerHost.Image, "true").FailsWith(125, "unknown or invalid runtime name: no-such-runtime");
        _host.Run("run", "--name", "bad/name", ContainerHost.Image, "true").FailsWith(125, "Invalid container name");
        // The unknown user is found only at start, when the image's /etc/passwd is read: the container stays created.
        Assert.Single(_host.Run("ps", "-aq").Lines);
    }

    [Fact]
    public void A_taken_name_is_refused()
    {
        _host.Run("create", "--name", "twin", ContainerHost.Image, "true").Ok();
        _host.Run("run", "--name", "twin", ContainerHost.Image, "true").FailsWith(125, "The container name \"/twin\" is already in use");
    }

    [Fact]
    public void Environment_working_directory_hostname_and_entrypoint_apply()
    {
        var result = _host.Run("run", "--rm", "-e", "GREETING=hi", "-w", "/made/by/run", "-h", "box",
            ContainerHost.Image, "sh", "-c", "echo $GREETING; pwd; hostname; cat /etc/hostname; echo $HOME").Ok();
        Assert.Equal("hi\n/made/by/run\nbox\nbox\n/root\n", result.Stdout);
        var entry = _host.Run("run", "--rm", "--entrypoint", "echo", ContainerHost.Image, "from", "entrypoint").Ok();
        Assert.Equal("from entrypoint\n", entry.Stdout);
    }

    [Fact]
    public void Users_are_resolved_from_the_images_passwd_and_group()
    {
        Assert.Equal("uid=1000(alice) gid=1000 groups=10(wheel),50(staff)\n",
            _host.Run("run", "--rm", "-u", "alice", ContainerHost.Image, "id").Ok().Stdout);
        Assert.Equal("uid=65534(nobody) gid=50(staff)\n",
            _host.Run("run", "--rm", "-u", "nobody:staff", ContainerHost.Image, "id").Ok().Stdout);
        Assert.StartsWith("uid=4242 gid=0(root)", _host.Run("run", "--rm", "-u", "4242", ContainerHost.Image, "id").Ok().Stdout);
    }

    [Fact]
    public void Stdin_is_piped_with_i_and_closed_at_its_end()
    {
        var result = _host.Berth.Exec(["run", "--rm", "-i", ContainerHost.Image, "sh", "-c", "cat; echo done"], stdin: "line one\nline two\n"u8.ToArray()).Ok();
        Assert.Equal("line one\nline two\ndone\n", result.Stdout);
        // Without -i the container's stdin is /dev/null.
        Assert.Equal("0\n", _host.Berth.Exec(["run", "--rm", ContainerHost.Image, "sh", "-c", "cat | wc -c"], stdin: "ignored"u8.ToArray()).Ok().Stdout);
    }

    [Fact]
    public void Read_only_rootfs_keeps_tmpfs_and_shm_writable()
    {
        var result = _host.Run("run", "--rm", "--read-only", "--tmpfs", "/scratch:size=1m", "--shm-size", "8m", ContainerHost.Image,
            "sh", "-c", "touch /x 2>/dev/null && echo wrote-root; touch /scratch/y && echo wrote-tmpfs; df -k /dev/shm | tail -1");
        result.Ok();
        Assert.DoesNotContain("wrote-root", result.Stdout);
        Assert.Contains("wrote-tmpfs", result.Stdout);
        Assert.Contains(" 8192 ", result.Stdout);
    }

    [Fact]
    public void Bind_mounts_are_read_write_or_read_only_and_a_missing_v_source_is_created()
    {
        var dir = _host.Root.WorkPath("shared");
        Directory.CreateDirectory(dir);
        _host.Run("run", "--rm", "-v", $"{dir}:/shared", ContainerHost.Image, "sh", "-c", "echo written > /shared/f").Ok();
        Assert.Equal("written\n", File.ReadAllText(Path.Combine(dir, "f")));
        var ro = _host.Run("run", "--rm", "-v", $"{dir}:/shared:ro", ContainerHost.Image, "sh", "-c", "echo again > /shared/f");
        Assert.NotEqual(0, ro.ExitCode);
        var created = _host.Root.WorkPath("made-by-v");
        _host.Run("run", "--rm", "-v", $"{created}:/m", ContainerHost.Image, "true").Ok();
        Assert.True(Directory.Exists(created));
    }

    [Fact]
    public void Named_volumes_persist_and_start_with_the_images_content()
    {
        _host.Run("run", "--rm", "-v", "keep:/data", ContainerHost.Image, "sh", "-c", "cat /data/seed.txt; echo more > /data/added").Ok();
        var second = _host.Run("run", "--rm", "-v", "keep:/data", ContainerHost.Image, "sh", "-c", "cat /data/added").Ok();
        Assert.Equal("more\n", second.Stdout);
        Assert.Contains("keep", _host.Run("volume", "ls", "-q").Stdout);
        _host.Run("volume", "rm", "keep").Ok();
    }

    [Fact]
    public void Volumes_from_shares_another_containers_mounts_in_its_mode_or_the_one_asked()
    {
        var hostDir = _host.Root.WorkPath("shared");
        Directory.CreateDirectory(hostDir);
        File.WriteAllText(Path.Combine(hostDir, "f"), "from the host\n");
        _host.Run("create", "--name", "data", "-v", "/anon", "-v", $"{hostDir}:/hostdir:ro", ContainerHost.Image, "true").Ok();

        Assert.Equal("from the host\n", _host.Run("run", "--rm", "--volumes-from", "data", ContainerHost.Image, "sh", "-c",
            "echo kept > /anon/x && cat /hostdir/f").Ok().Stdout);
        Assert.Equal("kept\n", _host.Run("run", "--rm", "--volumes-from", "data:ro", ContainerHost.Image, "cat", "/anon/x").Ok().Stdout);
        _host.Run("run", "--rm", "--volumes-from", "data", ContainerHost.Image, "touch", "/hostdir/g").FailsWith(1, "Read-only file system");
        _host.Run("run", "--rm", "--volumes-from", "data:ro", ContainerHost.Image, "touch", "/anon/y").FailsWith(1, "Read-only file system");
        // A mount of this container's own wins over an inherited one on the same path.
        Assert.Equal("", _host.Run("run", "--rm", "--volumes-from", "data", "--tmpfs", "/anon", ContainerHost.Image, "ls", "/anon").Ok().Stdout);

        var user = _host.Run("create", "--volumes-from", "data", ContainerHost.Image, "true").Ok().Stdout.Trim();
        _host.Run("rm", "-v", "data").Ok();
        Assert.Single(_host.Run("volume", "ls", "-q").Lines);
        _host.Run("rm", "-v", user).Ok();
        Assert.Empty(_host.Run("volume", "ls", "-q").Lines);

        _host.Run("run", "--rm", "--volumes-from", "nosuch", ContainerHost.Image, "true").FailsWith(125, "No such container: nosuch");
        _host.Run("run", "--rm", "--volumes-from", "nosuch:bad", ContainerHost.Image, "true").FailsWith(125, "invalid mode: bad");
    }

    [Fact]
    public void Anonymous_volumes_go_with_rm()
    {
        _host.Run("run", "--rm", "-v", "/anon", ContainerHost.Image, "true").Ok();
        Assert.Empty(_host.Run("volume", "ls", "-q").Lines);
        var id = _host.Run("create", "-v", "/anon", ContainerHost.Image, "true").Ok().Stdout.Trim();
        Assert.Single(_host.Run("volume", "ls", "-q").Lines);
        _host.Run("rm", "-v", id).Ok();
        Assert.Empty(_host.Run("volume", "ls", "-q").Lines);
    }

    [Fact]
    public void Resource_limits_are_visible_in_the_containers_cgroup_and_rlimits()
    {
        var result = _host.Run("run", "--rm", "--memory", "64m", "--pids-limit", "33", "--ulimit", "nofile=512:1024", ContainerHost.Image, "sh", "-c",
            "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; " +
            "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max; ulimit -n; ulimit -Hn").Ok();
        Assert.Equal("67108864\n33\n512\n1024\n", result.Stdout);
    }

    [Fact]
    public void Cgroup_parent_places_the_container_and_memory_swappiness_is_set_in_range()
    {
        var parent = "berth-test-" + Guid.NewGuid().ToString("N")[..8];
        // The parent cgroup is the user's, as with docker: the runtime removes the container's own only.
        var parents = new[] { "/sys/fs/cgroup/pids/" + parent, "/sys/fs/cgroup/" + parent };
        try
        {
            var id = _host.Detached("--cgroup-parent", parent, ContainerHost.Image, "sleep", "60");
            Assert.Contains(parents, p => Directory.Exists(Path.Combine(p, id)));
            Assert.Equal(parent, _host.Inspect(id, "{{.HostConfig.CgroupParent}}"));
            _host.Run("rm", "-f", id).Ok();
            Assert.DoesNotContain(parents, p => Directory.Exists(Path.Combine(p, id)));
        }
        finally
        {
            foreach (var controller in Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup"))
            {
                try { Directory.Delete(Path.Combine(controller, parent)); }
                catch (IOException) { }
            }
        }

        if (File.Exists("/sys/fs/cgroup/memory/memory.swappiness"))
            Assert.Equal("10\n", _host.Run("run", "--rm", "--memory-swappiness", "10", ContainerHost.Image, "cat", "/sys/fs/cgroup/memory/memory.swappiness").Ok().Stdout);
        _host.Run("run", "--rm", "--memory-swappiness", "101", ContainerHost.Image, "true")
            .FailsWith(125, "Invalid value: 101, valid memory swappiness range is 0-100");
    }

    [Fact]
    public void Capabilities_follow_docker_defaults_cap_drop_and_privileged()
    {
        string CapEff(params string[] flags) =>
            _host.Run(["run", "--rm", .. flags, ContainerHost.Image, "sh", "-c", "grep CapEff /proc/self/status"]).Ok().Stdout.Split('\t')[1].Trim();
        Assert.Equal("00000000a80425fb", CapEff());
        Assert.Equal("00000000a80425fa", CapEff("--cap-drop", "CHOWN"));
        Assert.NotEqual("00000000a80425fb", CapEff("--privileged"));
        Assert.Contains("NoNewPrivs:\t1", _host.Run("run", "--rm", "--security-opt", "no-new-privileges", ContainerHost.Image, "cat", "/proc/self/status").Ok().Stdout);
    }

    [Fact]
    public void System_paths_are_masked_unless_unconfined_or_privileged_and_inspect_shows_them()
    {
        string MaskedMounts(params string[] flags) =>
            _host.Run(["run", "--rm", .. flags, ContainerHost.Image, "sh", "-c", "grep -c -E ' /proc/(interrupts|sys) ' /proc/self/mountinfo || true"]).Ok().Stdout.Trim();
        Assert.Equal("2", MaskedMounts());
        Assert.Equal("0", MaskedMounts("--security-opt", "systempaths=unconfined"));
        Assert.Equal("0", MaskedMounts("--privileged"));

        var confined = _host.Run("create", ContainerHost.Image, "true").Ok().Stdout.Trim();
        Assert.Contains("\"/proc/interrupts\"", _host.Inspect(confined, "{{json .HostConfig.MaskedPaths}}"));
        Assert.Contains("\"/proc/sys\"", _host.Inspect(confined, "{{json .HostConfig.ReadonlyPaths}}"));
        var unconfined = _host.Run("create", "--security-opt", "systempaths=unconfined", ContainerHost.Image, "true").Ok().Stdout.Trim();
        Assert.Equal("[] []", _host.Inspect(unconfined, "{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}"));
        var privileged = _host.Run("create", "--privileged", ContainerHost.Image, "true").Ok().Stdout.Trim();
        Assert.Equal("null null", _host.Inspect(privileged, "{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}"));
        _host.Run("create", "--security-opt", "systempaths=confined", ContainerHost.Image, "true").FailsWith(1, "Invalid --security-opt: \"systempaths=confined\"");
    }

    [Fact]
    public void Ipc_pid_and_uts_namespaces_can_be_the_hosts_or_another_containers()
    {
        var donor = _host.Detached("--ipc", "shareable", ContainerHost.Image, "sh", "-c", "echo shared > /dev/shm/note; exec sleep 60");
        ContainerHost.Eventually(() => _host.Run("exec", donor, "cat", "/dev/shm/note").Stdout == "shared\n", "the donor to write its note");
        Assert.Equal("shared\n", _host.Run("run", "--rm", "--ipc", "container:" + donor, ContainerHost.Image, "cat", "/dev/shm/note").Ok().Stdout);
        Assert.Contains("sleep 60", _host.Run("run", "--rm", "--pid", "container:" + donor, ContainerHost.Image, "ps").Ok().Stdout);
        var hostIpc = new FileInfo("/proc/self/ns/ipc").LinkTarget;
        Assert.Equal(hostIpc, _host.Run("run", "--rm", "--ipc", "host", ContainerHost.Image, "readlink", "/proc/self/ns/ipc").Ok().Stdout.Trim());
        Assert.NotEqual(hostIpc, _host.Run("run", "--rm", ContainerHost.Image, "readlink", "/proc/self/ns/ipc").Ok().Stdout.Trim());
        Assert.Equal(Environment.MachineName, _host.Run("run", "--rm", "--uts", "host", ContainerHost.Image, "hostname").Ok().Stdout.Trim());
        Assert.Equal("absent", _host.Run("run", "--rm", "--ipc", "none", ContainerHost.Image, "sh", "-c", "test -e /dev/shm && echo present || echo absent").Ok().Stdout.Trim());
        var pids = _host.Run("run", "--rm", "--pid", "host", ContainerHost.Image, "sh", "-c", "ls -d /proc/[0-9]* | wc -l").Ok().Stdout.Trim();
        Assert.True(int.Parse(pids) > 10, $"a host pid namespace shows the host's processes, not {pids}");
        Assert.Equal("shareable", _host.Inspect(donor, "{{.HostConfig.IpcMode}}"));

        var private_ = _host.Detached(ContainerHost.Image, "sleep", "60");
        _host.Run("run", "--rm", "--ipc", "container:" + private_, ContainerHost.Image, "true").FailsWith(125, "non-shareable IPC");
        _host.Run("create", "--ipc", "bogus", ContainerHost.Image, "true").FailsWith(1, "invalid IPC mode: bogus");
        _host.Run("create", "--pid", "bogus", ContainerHost.Image, "true").FailsWith(1, "--pid: invalid PID mode");
        _host.Run("create", "--uts", "host", "-h", "named", ContainerHost.Image, "true").FailsWith(1, "conflicting options: hostname and the UTS mode");
        _host.Run("create", "--ipc", "container:nosuch", ContainerHost.Image, "true").FailsWith(1, "No such container: nosuch");

        // In the host's cgroup namespace the container sees its own cgroup's full path; in a private one, "/".
        var ownCgroup = _host.Run("run", "--rm", "--cgroupns", "host", ContainerHost.Image, "cat", "/proc/self/cgroup").Ok().Stdout;
        Assert.Contains("/berth/", ownCgroup);
        var privateCgroup = _host.Run("run", "--rm", "--cgroupns", "private", ContainerHost.Image, "cat", "/proc/self/cgroup").Ok().Stdout;
        Assert.DoesNotContain("/berth/", privateCgroup);
        _host.Run("create", "--cgroupns", "bogus", ContainerHost.Image, "true").FailsWith(1, "invalid cgroup namespace mode: bogus");
        _host.Run("create", "--userns", "remapped", ContainerHost.Image, "true").FailsWith(1, "invalid user namespace mode: remapped");
        _host.Run("rm", "-f", donor).Ok();
        Assert.DoesNotContain("/shm ", File.ReadAllText("/proc/self/mountinfo").Split('\n').Where(l => l.Contains(_host.Root.RunRoot, StringComparison.Ordinal)));
    }

    [Fact]
    public void Network_none_has_only_loopback()
    {
        var result = _host.Run("run", "--rm", "--network", "none", ContainerHost.Image, "sh", "-c", "ls /sys/class/net").Ok();
        Assert.Equal("lo\n", result.Stdout);
    }

    [Fact]
    public void Init_runs_as_pid_one_and_reaps()
    {
        var result = _host.Run("run", "--rm", "--init", ContainerHost.Image, "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '").Ok();
        Assert.StartsWith("/sbin/docker-init -- sh", result.Stdout);
    }

    [Fact]
    public void Cidfile_receives_the_id_and_an_existing_one_is_refused()
    {
        var cid = _host.Root.WorkPath("cid");
        _host.Run("run", "--cidfile", cid, ContainerHost.Image, "true").Ok();
        var id = File.ReadAllText(cid);
        Assert.Equal(64, id.Length);
        Assert.Equal("exited", _host.Inspect(id, "{{.State.Status}}"));
        _host.Run("run", "--cidfile", cid, ContainerHost.Image, "true").FailsWith(125, "container ID file found");
    }

    public void Dispose() => _host.Dispose();
}
