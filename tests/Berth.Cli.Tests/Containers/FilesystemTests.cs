namespace Berth.Cli.Tests.Containers;

/// <summary><c>berth diff</c>, <c>berth commit</c> and <c>berth export</c> on real overlay snapshots.</summary>
public sealed class FilesystemTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void Diff_lists_added_changed_and_deleted_paths_in_dockers_order()
    {
        _host.Run("run", "--name", "d1", ContainerHost.Image, "sh", "-c",
            "touch /newfile && rm /data/seed.txt && echo x > /etc/extra && mkdir -p /home/alice/work/deep").Ok();
        // /home is only copied up on the way to /home/alice: unchanged, so not listed (moby's overlay2 rule).
        Assert.Equal(
            ["C /data", "D /data/seed.txt", "C /etc", "A /etc/extra", "C /home/alice", "A /home/alice/work", "A /home/alice/work/deep", "A /newfile"],
            _host.Run("diff", "d1").Ok().Lines);
        _host.Run("run", "--name", "d2", ContainerHost.Image, "true").Ok();
        Assert.Empty(_host.Run("container", "diff", "d2").Ok().Lines);
    }

    [Fact]
    public void A_committed_image_runs_with_the_containers_files_and_records_author_and_message()
    {
        _host.Run("run", "--name", "src", ContainerHost.Image, "sh", "-c", "echo made > /made.txt && rm /data/seed.txt").Ok();
        var result = _host.Run("commit", "-a", "Jane Doe <jane@example.com>", "-m", "first commit", "-c", "ENV GREETING=hello",
            "-c", "CMD [\"cat\", \"/made.txt\"]", "src", "committed:v1").Ok();
        var id = result.Stdout.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", id);
        Assert.Equal(id, _host.Run("image", "inspect", "-f", "{{.Id}}", "committed:v1").Ok().Stdout.Trim());

        Assert.Equal("made\n", _host.Run("run", "--rm", "committed:v1").Ok().Stdout);
        Assert.Equal("hello\n", _host.Run("run", "--rm", "committed:v1", "sh", "-c", "echo $GREETING").Ok().Stdout);
        // The deletion is a whiteout in the new layer.
        Assert.Equal("gone\n", _host.Run("run", "--rm", "committed:v1", "sh", "-c", "test -e /data/seed.txt || echo gone").Ok().Stdout);

        Assert.Equal("Jane Doe <jane@example.com>|first commit|2",
            _host.Run("image", "inspect", "-f", "{{.Author}}|{{.Comment}}|{{len .RootFS.Layers}}", "committed:v1").Ok().Stdout.Trim());
        var history = _host.Run("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", "committed:v1").Ok().Lines;
        Assert.Equal("sh -c echo made > /made.txt && rm /data/seed.txt|first commit", history[0]);
        Assert.Equal(2, history.Length);
    }

    [Fact]
    public void Committing_a_running_container_pauses_it_only_for_the_commit()
    {
        _host.Detached("--name", "live", ContainerHost.Image, "sh", "-c", "echo state > /state.txt; exec sleep 100");
        ContainerHost.Eventually(() => _host.Run("exec", "live", "test", "-e", "/state.txt").ExitCode == 0, "the file");
        var id = _host.Run("commit", "live").Ok().Stdout.Trim();
        Assert.Equal("running", _host.Inspect("live", "{{.State.Status}}"));
        Assert.Equal("state\n", _host.Run("run", "--rm", id, "cat", "/state.txt").Ok().Stdout);
        _host.Run("commit", "--pause=false", "live", "nopause").Ok();
        Assert.Equal("running", _host.Inspect("live", "{{.State.Status}}"));
    }

    [Fact]
    public void Commit_refuses_bad_input()
    {
        _host.Run("create", "--name", "idle", ContainerHost.Image, "true").Ok();
        _host.Run("commit", "ghost").OneLineError("No such container: ghost");
        _host.Run("commit", "-c", "RUN echo hi", "idle").OneLineError("run is not a valid change command");
        _host.Run("commit", "idle", "Bad:Ref:x").OneLineError("invalid reference format");
        _host.Run("commit").FailsWith(125);
    }

    [Fact]
    public void Export_writes_the_merged_filesystem_as_a_tar()
    {
        _host.Run("run", "--name", "ex", ContainerHost.Image, "sh", "-c", "echo exported > /data/new.txt && rm /data/seed.txt").Ok();
        var file = _host.Root.WorkPath("ex.tar");
        _host.Run("export", "-o", file, "ex").Ok();
        var entries = CopyTests.ReadTar(File.ReadAllBytes(file));
        Assert.Equal("exported\n", entries["data/new.txt"]);
        Assert.DoesNotContain("data/seed.txt", entries.Keys);
        Assert.Contains("bin/busybox", entries.Keys);
        Assert.DoesNotContain(entries.Keys, k => k.StartsWith('/') || k.StartsWith("./", StringComparison.Ordinal));

        // To a pipe, and from a running container.
        _host.Detached("--name", "up", ContainerHost.Image, "sleep", "100");
        var streamed = CopyTests.ReadTar(_host.Run("container", "export", "up").Ok().StdoutBytes);
        Assert.Equal("from the image\n", streamed["data/seed.txt"]);

        _host.Run("export", "ghost").OneLineError("No such container: ghost");
        _host.Run("export", "-o", _host.Root.WorkPath("no/such/dir/x.tar"), "ex").OneLineError("does not exist");
        Assert.False(File.Exists(_host.Root.WorkPath("ghost.tar")));
    }

    [Fact]
    public void Diff_of_a_missing_container_fails()
    {
        _host.Run("diff", "ghost").OneLineError("No such container: ghost");
    }

    public void Dispose() => _host.Dispose();
}
