using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>RUN in its forms, what it leaves in the layer (whiteouts included), WORKDIR and USER.</summary>
public sealed class RunInstructionTests
{
    [ToolFact("docker")]
    public void RunShellAndExecForms_MatchDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            ARG V=argval
            ENV E=envval
            RUN echo a > /a
            RUN ["/bin/sh", "-c", "echo b $E > /b"]
            RUN ["touch", "/c"]
            RUN echo "$V $E" > /d && chmod 640 /d && mkdir -p /deep/er && chown 1000:50 /deep/er
            RUN ln -s /a /alink && ln /a /ahard && mkfifo /fifo
            """);
        // ARG rows: KnownDifferenceTests.ArgHistoryRow_ShowsTheDockerfileDefault.
        c.Build("--build-arg", "V=given").AssertSameExceptHistoryOf("ARG");
    }

    [ToolFact("docker")]
    public void RunDeletingBaseFiles_LeavesTheSameTree()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            RUN rm /data/seed.txt && rm -r /home/alice
            RUN rm -rf /data && mkdir /data && echo fresh > /data/only
            RUN rm /bin/vi && echo replaced > /etc/group
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void WorkdirCreatedUnderUser_MatchesDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            USER alice
            WORKDIR /home/alice/work
            WORKDIR rel
            USER 1234:4321
            WORKDIR /numeric
            USER root
            RUN pwd > /tmp/pwd.txt
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void RunAsUser_SeesTheSameIdentity()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            USER alice
            RUN id > /tmp/alice.txt && echo "$HOME" > /tmp/home.txt && touch /tmp/owned
            USER nobody:staff
            RUN id > /tmp/nobody.txt
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void FailingRun_IsRefusedByBoth()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nRUN exit 3\n");
        c.BuildBothFail();
    }

    [ToolFact("docker")]
    public void RunRemovingTheMountedEtcFiles_IsRefusedByBoth()
    {
        // Both engines bind-mount /etc/hosts and /etc/resolv.conf into the step's container: EBUSY.
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nRUN rm -rf /etc && mkdir /etc && echo fresh > /etc/only\n");
        var (berth, docker) = c.BuildBothFail();
        Assert.Contains("/etc/hosts", docker.Stdout + docker.Stderr);
        Assert.Contains("/etc/hosts", berth.Stderr);
    }

    [ToolFact("docker")]
    public void RunOverwritingTheRunningShellBinary_IsRefusedByBoth()
    {
        // /bin/ls is a symlink to the busybox that runs the step's shell: ETXTBSY under either engine.
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nRUN echo replaced > /bin/ls\n");
        var (berth, _) = c.BuildBothFail();
        Assert.Contains("Text file busy", berth.Stderr);
    }
}
