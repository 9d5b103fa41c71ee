namespace Berth.Cli.Tests.Build;

/// <summary>Bad Dockerfiles and failing steps: BuildKit's report, exit status 1, and nothing left behind.</summary>
public sealed class BuildFailureTests
{
    [Fact]
    public void A_failing_run_shows_its_output_and_the_Dockerfile_lines_and_makes_no_image()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN echo first\nRUN echo about to fail && \\\n    exit 3\nRUN echo never\n");
        var failed = host.Build("-t", "broken").FailsWith(1);
        Assert.Contains(" > [3/4] RUN echo about to fail &&     exit 3:", failed.Stderr);
        Assert.Contains("about to fail", failed.Stderr);
        Assert.Contains("Dockerfile:3-4", failed.Stderr);
        Assert.Contains("   3 | >>> RUN echo about to fail && \\", failed.Stderr);
        Assert.EndsWith("ERROR: failed to solve: process \"/bin/sh -c echo about to fail &&     exit 3\" did not complete successfully: exit code: 3\n", failed.Stderr);
        host.Run("image", "inspect", "broken").FailsWith(1, "No such image");
        host.AssertNothingLeft();
        // The step before the failure is cached: a fixed Dockerfile reuses it.
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN echo first\nRUN echo fixed\n");
        Assert.Matches(@"RUN echo first\n#\d+ CACHED", host.Build("-t", "broken").Ok().Stderr);
    }

    [Fact]
    public void A_syntax_error_names_its_line()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN true\nFOO bar\n");
        var failed = host.Build().FailsWith(1);
        Assert.Contains("ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: FOO", failed.Stderr);
    }

    [Fact]
    public void A_missing_copy_source_fails_naming_it()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nCOPY missing.txt /\n");
        host.Build().FailsWith(1, "missing.txt", "not found");
        host.AssertNothingLeft();
    }

    [Fact]
    public void A_copy_source_outside_the_context_is_never_read()
    {
        using var host = new BuildHost();
        File.WriteAllText(Path.Combine(host.Root.Work, "outside.txt"), "secret");
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nCOPY ../outside.txt /stolen\n");
        host.Build("-t", "escape").FailsWith(1, "outside.txt", "not found");
        host.Run("image", "inspect", "escape").FailsWith(1);
    }

    [Fact]
    public void A_cycle_between_stages_is_refused()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage} AS a\nCOPY --from=b /x /x\nFROM {BuildHost.BaseImage} AS b\nCOPY --from=a /y /y\n");
        host.Build().FailsWith(1, "circular dependency");
    }

    [Fact]
    public void Bad_flags_are_refused_before_anything_runs()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\n");
        host.Build("--build-arg", "=x").FailsWith(1, "empty key");
        host.Build("--platform", "linux/s390x").FailsWith(1, "host platform");
        host.Build("-t", "Bad:Name").FailsWith(1, "invalid tag");
        host.Build("--network", "bridge0").FailsWith(1, "network mode");
        host.Run("build", "--progress=plain", Path.Combine(host.Root.Work, "nowhere")).FailsWith(1, "unable to prepare context");
    }

    [Fact]
    public void An_unknown_base_image_fails_naming_it()
    {
        using var host = new BuildHost();
        host.Dockerfile("FROM localhost:1/nosuch/image:1\n");
        host.Build().FailsWith(1, "localhost:1/nosuch/image:1");
    }

    [Fact]
    public void An_unused_build_arg_is_a_warning()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nARG USED\nRUN echo $USED\n");
        var built = host.Build("--build-arg", "USED=1", "--build-arg", "UNUSED=2").Ok();
        Assert.Contains("[Warning] One or more build-args [UNUSED] were not consumed", built.Stderr);
    }
}
