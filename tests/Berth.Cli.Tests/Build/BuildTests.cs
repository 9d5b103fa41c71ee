using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build;

/// <summary>berth build end to end: real runc RUN steps, overlay snapshots, the image it makes, run afterwards.</summary>
public sealed class BuildTests
{
    [Fact]
    public void A_built_image_runs_with_the_config_its_Dockerfile_set()
    {
        using var host = new BuildHost();
        host.Write("app/hello.txt", "hello from the context\n");
        host.Dockerfile($"""
            FROM {BuildHost.BaseImage}
            ARG WHO=world
            ENV GREETING="hello $WHO" PATH=/usr/bin:/bin
            LABEL org.example.title="demo" version=1
            RUN echo "$GREETING at $(hostname)" > /greeting
            COPY app/ /srv/app/
            WORKDIR /srv/app
            EXPOSE 8080 9000-9001/udp
            USER alice
            CMD ["sh", "-c", "cat /greeting hello.txt; id -un; pwd"]
            """);
        host.Build("-t", "demo:1", "--build-arg", "WHO=berth").Ok();

        var run = host.Run("run", "--rm", "demo:1").Ok();
        Assert.Equal("hello berth at buildkitsandbox\nhello from the context\nalice\n/srv/app\n", run.Stdout);
        var config = host.Run("image", "inspect", "-f", "{{json .Config.Env}} {{.Config.WorkingDir}} {{.Config.User}} {{json .Config.Labels}} {{json .Config.ExposedPorts}}", "demo:1").Ok().Stdout.Trim();
        Assert.Equal("[\"PATH=/usr/bin:/bin\",\"GREETING=hello berth\"] /srv/app alice {\"org.example.title\":\"demo\",\"version\":\"1\"} {\"8080/tcp\":{},\"9000/udp\":{},\"9001/udp\":{}}", config);
        host.AssertNothingLeft();
    }

    [Fact]
    public void An_unchanged_rebuild_runs_nothing_and_gives_the_same_image()
    {
        using var host = new BuildHost();
        host.Write("a.txt", "a\n");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN echo ran > /ran\nCOPY a.txt /a.txt\nENV X=1\n");
        var first = host.Run("build", "-q", host.Context).Ok().Stdout.Trim();
        var again = host.Build();
        again.Ok();
        Assert.DoesNotContain("DONE", string.Join('\n', again.Stderr.Split('\n').Where(l => l.Contains("RUN") || l.Contains("COPY"))));
        Assert.Equal(2, again.Stderr.Split('\n').Count(l => l.EndsWith(" CACHED", StringComparison.Ordinal)));
        Assert.Equal(first, host.Run("build", "-q", host.Context).Ok().Stdout.Trim());
    }

    [Fact]
    public void A_changed_file_reruns_only_the_steps_from_the_first_that_reads_it()
    {
        using var host = new BuildHost();
        host.Write("a.txt", "a\n");
        host.Write("b.txt", "b\n");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nCOPY a.txt /a\nRUN cat /a > /seen-a\nCOPY b.txt /b\nRUN cat /a /b > /seen\n");
        host.Build("-t", "inc").Ok();
        host.Write("b.txt", "b changed\n");
        var rebuilt = host.Build("-t", "inc").Ok().Stderr;
        Assert.Matches(@"\[2/5\] COPY a.txt /a\n#\d+ CACHED", rebuilt);
        Assert.Matches(@"\[3/5\] RUN cat /a > /seen-a\n#\d+ CACHED", rebuilt);
        Assert.Matches(@"\[4/5\] COPY b.txt /b\n#\d+ DONE", rebuilt);
        Assert.Equal("a\nb changed\n", host.Run("run", "--rm", "inc", "cat", "/seen").Ok().Stdout);
    }

    [Fact]
    public void A_rebuild_of_an_edited_context_links_unchanged_files_and_copies_the_new_context()
    {
        using var host = new BuildHost();
        host.Write("src/keep.txt", "keep\n");
        host.Write("src/edit.txt", "old\n");
        host.Write("src/gone.txt", "gone\n");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN mkdir /app\nCOPY src/ /app/\n");
        host.Build("-t", "re").Ok();
        host.Write("src/edit.txt", "new and longer\n");
        host.Write("src/added.txt", "added\n");
        File.Delete(Path.Combine(host.Context, "src/gone.txt"));
        host.Build("-t", "re").Ok();

        var seen = host.Run("run", "--rm", "re", "sh", "-c", "ls /app | tr '\\n' ' '; cat /app/*.txt").Ok().Stdout;
        Assert.Equal("added.txt edit.txt keep.txt added\nnew and longer\nkeep\n", seen);
        // Both COPY layers hold keep.txt as one inode; the edited file was written anew.
        var (_, inodes) = FsTree.Read(Path.Combine(host.Root.StateRoot, "snapshots", "overlay", "snapshots"));
        string[] Inodes(string name) => inodes.Where(i => i.Key.EndsWith("/fs/app/" + name, StringComparison.Ordinal)).Select(i => i.Value).ToArray();
        Assert.Equal(2, Inodes("keep.txt").Length);
        Assert.Single(Inodes("keep.txt").Distinct());
        Assert.Equal(2, Inodes("edit.txt").Distinct().Count());
        host.AssertNothingLeft();
    }

    [Fact]
    public void No_cache_runs_every_step_again()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN cat /proc/sys/kernel/random/uuid > /stamp\n");
        host.Build("-t", "nc").Ok();
        var first = host.Run("run", "--rm", "nc", "cat", "/stamp").Ok().Stdout;
        Assert.Contains(" DONE", host.Build("--no-cache", "-t", "nc").Ok().Stderr.Split("RUN cat /proc")[1].Split('\n')[1]);
        Assert.NotEqual(first, host.Run("run", "--rm", "nc", "cat", "/stamp").Ok().Stdout);
    }

    [Fact]
    public void A_deleted_file_is_a_whiteout_in_the_step_layer()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN rm /data/seed.txt && mkdir /made\n");
        host.Build("-t", "wh").Ok();
        Assert.Equal("gone\n", host.Run("run", "--rm", "wh", "sh", "-c", "test -e /data/seed.txt || echo gone").Ok().Stdout);
        var history = host.Run("history", "--no-trunc", "--format", "{{.CreatedBy}}", "wh").Ok().Stdout;
        Assert.StartsWith("RUN /bin/sh -c rm /data/seed.txt && mkdir /made # buildkit", history);
    }

    [Fact]
    public void Multi_stage_builds_copy_between_stages_and_skip_stages_the_target_does_not_need()
    {
        using var host = new BuildHost();
        host.Dockerfile($"""
            FROM {BuildHost.BaseImage} AS builder
            RUN echo built > /artifact
            FROM {BuildHost.BaseImage} AS broken
            RUN exit 7
            FROM scratch
            COPY --from=builder /artifact /artifact
            COPY --from=0 /bin/busybox /bin/cat
            ENTRYPOINT ["/bin/cat"]
            CMD ["/artifact"]
            """);
        var built = host.Build("-t", "ms").Ok();
        Assert.DoesNotContain("exit 7", built.Stderr);
        Assert.Equal("built\n", host.Run("run", "--rm", "ms").Ok().Stdout);
        // The builder stage's layer is not in any image, but the build cache keeps it: nothing is garbage.
        var check = host.Run("system", "check").Ok();
        Assert.DoesNotContain("await garbage collection", check.Stdout + check.Stderr);
        host.Build("--target", "broken").FailsWith(1, "exit code: 7");
        host.Build("--target", "nosuch").FailsWith(1, "target stage \"nosuch\" could not be found");
    }

    [Fact]
    public void Dockerfile_and_context_can_come_from_stdin()
    {
        using var host = new BuildHost();
        var fromStdin = host.Root.Berth.Exec(["build", "-q", "-t", "stdin-df", "-f", "-", host.Context],
            stdin: System.Text.Encoding.UTF8.GetBytes($"FROM {BuildHost.BaseImage}\nCMD [\"echo\", \"from stdin\"]\n")).Ok();
        Assert.StartsWith("sha256:", fromStdin.Stdout);
        Assert.Equal("from stdin\n", host.Run("run", "--rm", "stdin-df").Ok().Stdout);

        var bare = host.Root.Berth.Exec(["build", "-q", "-t", "bare", "-"],
            stdin: System.Text.Encoding.UTF8.GetBytes($"FROM {BuildHost.BaseImage}\nRUN echo ok > /ok\n")).Ok();
        Assert.Equal("ok\n", host.Run("run", "--rm", "bare", "cat", "/ok").Ok().Stdout);
        Assert.StartsWith("sha256:", bare.Stdout);
    }

    [Fact]
    public void Several_sources_copy_into_the_working_directory_named_by_a_dot()
    {
        using var host = new BuildHost();
        host.Write("a.txt", "a\n");
        host.Write("b.txt", "b\n");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nWORKDIR /app\nCOPY a.txt b.txt .\nCOPY a.txt ./renamed.txt\n");
        host.Build("-t", "dot").Ok();
        Assert.Equal("a.txt\nb.txt\nrenamed.txt\n", host.Run("run", "--rm", "dot", "ls", "/app").Ok().Stdout);
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nCOPY a.txt b.txt /app\n");
        host.Build().FailsWith(1, "the destination must be a directory and end with a /");
    }

    [Fact]
    public void Dockerignore_keeps_files_out_of_the_context()
    {
        using var host = new BuildHost();
        host.Write("keep/a.txt", "a");
        host.Write("keep/b.log", "b");
        host.Write("keep/important.log", "i");
        host.Write("secret.key", "k");
        host.Write(".dockerignore", "**/*.log\n!keep/important.log\nsecret.key\n");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nCOPY . /ctx/\n");
        host.Build("-t", "ign").Ok();
        var listing = host.Run("run", "--rm", "ign", "sh", "-c", "cd /ctx && find . -type f | sort").Ok().Stdout;
        Assert.Equal("./.dockerignore\n./Dockerfile\n./keep/a.txt\n./keep/important.log\n", listing);
    }
}
