using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>Several stages: COPY --from by name and index, --target, and FROM scratch.</summary>
public sealed class MultiStageTests
{
    internal const string Stages = """
        FROM bbdiff:latest AS builder
        ARG MSG=built
        RUN mkdir /out && echo $MSG > /out/artifact && chmod 750 /out/artifact && chown 1000:50 /out/artifact
        LABEL stage=builder

        FROM scratch AS mid
        COPY --from=builder /out /o
        COPY a.txt /

        FROM bbdiff:latest
        COPY --from=builder /out/artifact /final/
        COPY --from=mid /o /mid/
        COPY --from=0 /etc/passwd /p
        COPY --from=builder --chown=alice:staff /out /owned/
        CMD ["cat", "/final/artifact"]
        """;

    /// <summary>
    /// The same copies with stages that cannot run side by side (each starts from the one before), which
    /// berth builds reliably; <see cref="Stages"/> itself is KnownFilesystemDifferenceTests.ParallelStages_BuildEveryTime.
    /// </summary>
    private const string LinearStages = """
        FROM bbdiff:latest AS builder
        ARG MSG=built
        RUN mkdir /out && echo $MSG > /out/artifact && chmod 750 /out/artifact && chown 1000:50 /out/artifact
        LABEL stage=builder

        FROM builder AS mid
        COPY a.txt /

        FROM scratch
        COPY --from=mid /etc/passwd /etc/group /etc/
        COPY --from=builder /out/artifact /final/
        COPY --from=mid /out /mid/
        COPY --from=0 /bin/busybox /bin/
        COPY --from=1 /a.txt /
        COPY --from=builder --chown=alice:staff /out /owned/
        COPY --from=bbdiff:latest /etc/passwd /from-image/
        CMD ["cat", "/final/artifact"]
        """;

    [ToolFact("docker")]
    public void CopyFromEarlierStages_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").Dockerfile(LinearStages);
        // ARG rows: KnownDifferenceTests.ArgHistoryRow_ShowsTheDockerfileDefault.
        c.Build("--build-arg", "MSG=hello").AssertSameExceptHistoryOf("ARG");
    }

    [ToolFact("docker")]
    public void TargetStopsAtTheNamedStage_AsDockerDoes()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").Dockerfile(Stages);
        c.Build("--target", "builder").AssertSame();
    }

    [ToolFact("docker")]
    public void TargetScratchStage_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").Dockerfile(Stages);
        c.Build("--target", "mid").AssertSame();
    }

    [ToolFact("docker")]
    public void FromScratchWithCopy_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").File("d/x.txt", "x\n", 0x1ED).Symlink("d/l", "x.txt");
        c.Dockerfile("""
            FROM scratch
            COPY a.txt d /
            COPY d /nested/d/
            ENV PATH=/bin
            WORKDIR /w
            CMD ["/x.txt"]
            """);
        c.Build().AssertSame();
    }
}
