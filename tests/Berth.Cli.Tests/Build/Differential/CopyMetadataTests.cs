using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>COPY --chown and --chmod, and symlinks on either side of a COPY.</summary>
public sealed class CopyMetadataTests
{
    [ToolFact("docker")]
    public void ChownByNameAndId_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").File("d/x.txt", "x\n").File("d/sub/y.txt", "y\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            ARG OWNER=alice
            COPY --chown=alice:staff a.txt /c1
            COPY --chown=1000:50 a.txt /c2
            COPY --chown=alice a.txt /c3
            COPY --chown=1234:1234 a.txt /c4
            COPY --chown=4321:4321 d /c5/
            COPY --chown=nobody:wheel d /c6
            COPY --chown=${OWNER}:0 a.txt /created/parent/c7
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void Chmod_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").File("d/x.txt", "x\n").File("d/sub/y.sh", "y\n", 0x1ED);
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY --chmod=600 a.txt /m1
            COPY --chmod=755 d /m2/
            COPY --chmod=700 a.txt /m3
            COPY --chown=alice:staff --chmod=0640 a.txt /m4/
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void SymlinksInTheContext_MatchDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").File("d/x.txt", "x\n")
            .Symlink("link.txt", "a.txt")
            .Symlink("dlink", "d")
            .Symlink("abs", "/etc/passwd")
            .Symlink("d/up", "../a.txt")
            .Symlink("dangling", "nowhere");
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY link.txt /s1
            COPY dlink /s2/
            COPY d /s3/
            COPY . /s5/
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void CopyIntoASymlinkedDirectory_FollowsTheLink()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").File("d/x.txt", "x\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            RUN ln -s /data /ldata && mkdir -p /real/inner && ln -s real /rel
            COPY a.txt /ldata/
            COPY d /ldata/sub/
            COPY a.txt /rel/inner/
            COPY d /rel/
            """);
        c.Build().AssertSame();
    }
}
