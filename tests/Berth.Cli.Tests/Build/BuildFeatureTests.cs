namespace Berth.Cli.Tests.Build;

/// <summary>RUN mounts, outputs, reproducible digests and the other build flags.</summary>
public sealed class BuildFeatureTests
{
    [Fact]
    public void A_secret_is_readable_in_its_step_and_in_no_layer()
    {
        using var host = new BuildHost();
        var secret = Path.Combine(host.Root.Work, "token");
        File.WriteAllText(secret, "s3cr3t");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN --mount=type=secret,id=token cat /run/secrets/token > /used && ls /run/secrets\n");
        host.Build("-t", "sec", "--secret", $"id=token,src={secret}").Ok();
        Assert.Equal("s3cr3t", host.Run("run", "--rm", "sec", "cat", "/used").Ok().Stdout);
        Assert.Equal("absent\n", host.Run("run", "--rm", "sec", "sh", "-c", "test -e /run/secrets || echo absent").Ok().Stdout);
        // Without the secret an optional mount is simply absent (BuildKit's rule); a required one fails the step.
        host.Build("--no-cache", "-t", "sec").FailsWith(1, "can't open '/run/secrets/token'");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN --mount=type=secret,id=token,required cat /run/secrets/token\n");
        host.Build("-t", "sec").FailsWith(1, "secret token: not found");

        // A secret from the environment reaches the step without a file of it anywhere but the step's bundle.
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN --mount=type=secret,id=token cat /run/secrets/token > /used\n");
        host.Root.Berth.Exec(["build", "--progress=plain", "-t", "sec-env", "--secret", "id=token,env=BERTH_TEST_TOKEN", host.Context],
            env: new Dictionary<string, string> { ["BERTH_TEST_TOKEN"] = "from-env" }).Ok();
        Assert.Equal("from-env", host.Run("run", "--rm", "sec-env", "cat", "/used").Ok().Stdout);
    }

    [Fact]
    public void A_cache_mount_persists_between_builds_but_stays_out_of_the_image()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN --mount=type=cache,target=/cache echo x >> /cache/runs && wc -l < /cache/runs > /count\n");
        host.Build("-t", "cm").Ok();
        host.Build("--no-cache", "-t", "cm").Ok();
        Assert.Equal("2", host.Run("run", "--rm", "cm", "cat", "/count").Ok().Stdout.Trim());
        Assert.Equal("absent\n", host.Run("run", "--rm", "cm", "sh", "-c", "test -e /cache || echo absent").Ok().Stdout);
        host.AssertNothingLeft();
    }

    [Fact]
    public void A_bind_mount_of_the_context_is_read_only_by_default_and_writes_never_reach_it()
    {
        using var host = new BuildHost();
        host.Write("src/input.txt", "input\n");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN --mount=target=/src,source=src cat /src/input.txt > /copied && ! touch /src/new\nRUN --mount=target=/src,source=src,rw echo scratch > /src/input.txt\n");
        host.Build("-t", "bm").Ok();
        Assert.Equal("input\n", host.Run("run", "--rm", "bm", "cat", "/copied").Ok().Stdout);
        Assert.Equal("input\n", File.ReadAllText(Path.Combine(host.Context, "src/input.txt")));
    }

    [Fact]
    public void Deterministic_steps_give_byte_identical_images_across_state_roots()
    {
        using var first = new BuildHost();
        using var second = new BuildHost();
        var baseTar = Path.Combine(first.Root.Work, "base.tar");
        first.Run("save", "-o", baseTar, BuildHost.BaseImage).Ok();
        second.Run("rmi", BuildHost.BaseImage).Ok();
        second.Run("load", "-i", baseTar).Ok();
        var ids = new List<string>();
        foreach (var host in new[] { first, second })
        {
            host.Write("dir/file.txt", "content\n");
            File.SetLastWriteTimeUtc(Path.Combine(host.Context, "dir/file.txt"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN mkdir -p /out && echo fixed > /out/file && touch /out/now\nCOPY dir /dir\nWORKDIR /work\nCMD [\"sh\"]\n");
            ids.Add(host.Run("build", "-q", "--timestamp", "1700000000", host.Context).Ok().Stdout.Trim());
            Thread.Sleep(1100);
        }
        Assert.Equal(ids[0], ids[1]);
        Assert.StartsWith("2023-11-14T22:13:20", first.Run("image", "inspect", "-f", "{{.Created}}", ids[0]).Ok().Stdout.Trim());
    }

    [Fact]
    public void A_cache_exported_to_a_directory_serves_another_state_root()
    {
        using var first = new BuildHost();
        using var second = new BuildHost();
        var baseTar = Path.Combine(first.Root.Work, "base.tar");
        first.Run("save", "-o", baseTar, BuildHost.BaseImage).Ok();
        second.Run("rmi", BuildHost.BaseImage).Ok();
        second.Run("load", "-i", baseTar).Ok();
        var cache = Path.Combine(first.Root.Work, "cache");
        foreach (var host in new[] { first, second })
        {
            host.Write("f.txt", "f\n");
            host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN echo $RANDOM > /random\nCOPY f.txt /f.txt\nENV A=1\n");
        }
        var original = first.Run("build", "-q", "--cache-to", $"type=local,dest={cache}", first.Context).Ok().Stdout.Trim();
        Assert.True(File.Exists(Path.Combine(cache, "berth-cache.json")));

        var imported = second.Build("--cache-from", $"type=local,src={cache}", "--iidfile", Path.Combine(second.Root.Work, "iid")).Ok();
        Assert.Equal(2, imported.Stderr.Split('\n').Count(l => l.EndsWith(" CACHED", StringComparison.Ordinal)));
        Assert.Equal(original, File.ReadAllText(Path.Combine(second.Root.Work, "iid")));
        Assert.Equal(first.Run("run", "--rm", original, "cat", "/random").Ok().Stdout, second.Run("run", "--rm", original, "cat", "/random").Ok().Stdout);
        second.Build("--cache-from", "type=registry,ref=example/cache").FailsWith(1, "not supported");
        second.Build("--cache-from", $"type=local,src={Path.Combine(second.Root.Work, "nothing")}").FailsWith(1, "berth-cache.json");
    }

    [Fact]
    public void Local_and_tar_outputs_write_the_root_filesystem()
    {
        using var host = new BuildHost();
        host.Dockerfile("FROM scratch\nCOPY Dockerfile /df\nCOPY <<EOF /hello.txt\nhello\nEOF\n");
        var local = Path.Combine(host.Root.Work, "out");
        host.Build("-o", $"type=local,dest={local}").Ok();
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(local, "hello.txt")));
        Assert.True(File.Exists(Path.Combine(local, "df")));
        var tar = Path.Combine(host.Root.Work, "out.tar");
        host.Build("-o", $"type=tar,dest={tar}").Ok();
        Assert.Contains("hello.txt", string.Join(',', ReadTarNames(tar)));
        var archive = Path.Combine(host.Root.Work, "image.tar");
        host.Build("-t", "outimg", "-o", $"type=docker,dest={archive}").Ok();
        Assert.Contains("manifest.json", ReadTarNames(archive));
    }

    [Fact]
    public void Iidfile_labels_and_several_tags()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\n");
        var iid = Path.Combine(host.Root.Work, "iid");
        host.Build("-t", "one:a", "-t", "two:b", "--label", "team=ml", "--iidfile", iid).Ok();
        var id = File.ReadAllText(iid);
        Assert.Equal(id, host.Run("image", "inspect", "-f", "{{.Id}}", "one:a").Ok().Stdout.Trim());
        Assert.Equal(id, host.Run("image", "inspect", "-f", "{{.Id}}", "two:b").Ok().Stdout.Trim());
        Assert.Equal("ml", host.Run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", "one:a").Ok().Stdout.Trim());
    }

    [Fact]
    public void Heredocs_run_as_scripts_and_become_files()
    {
        using var host = new BuildHost();
        host.Dockerfile($"""
            FROM {BuildHost.BaseImage}
            RUN <<EOF
            echo one > /one
            echo two >> /one
            EOF
            COPY <<EOF /etc/app.conf
            key=value
            EOF
            RUN cat > /two <<EOT
            heredoc in a command
            EOT
            """);
        host.Build("-t", "hd").Ok();
        Assert.Equal("one\ntwo\nkey=value\nheredoc in a command\n", host.Run("run", "--rm", "hd", "cat", "/one", "/etc/app.conf", "/two").Ok().Stdout);
    }

    private static List<string> ReadTarNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Formats.Tar.TarReader(stream);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        return names;
    }
}
