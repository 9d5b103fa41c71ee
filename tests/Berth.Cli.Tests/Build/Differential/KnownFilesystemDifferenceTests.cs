using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// Filesystem cases where berth differs from docker's BuildKit, one difference per case (the exact difference
/// is the skip reason). The other cases avoid exactly these: no 0700 source directories copied by content,
/// no archive entries owned by non-root, no uid-only --chown, no special bits in --chmod.
/// </summary>
public sealed class KnownFilesystemDifferenceTests
{
    [ToolFact("docker")]
    public void RunOnABaseWithoutMountPoints_KeepsThemLikeBuildKit()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:bare\nRUN echo ran > /ran.txt\n");
        c.Build().AssertSameFilesystem();
    }

    [KnownDifferenceFact("COPY of a directory's contents to a new destination gives the destination the source " +
        "directory's mode; BuildKit creates it 0755: expected /dcontent, /dslash/, /wd/dd dir 0755, actual 0700 " +
        "(same for COPY --from=stage /out /o when /out is 0700)")]
    public void CopiedDirectoryContents_GoIntoA0755Destination()
    {
        using var c = new DiffCase();
        c.Dir("d", 0x1C0).File("d/one.txt", "one\n").Dir("d/inner", 0x1C0).File("d/inner/two.txt", "two\n");
        c.Dockerfile("""
            FROM bbdiff:latest AS src
            RUN mkdir /out && chmod 700 /out && echo x > /out/x
            FROM bbdiff:latest
            COPY d /dcontent
            COPY d/ /dslash/
            WORKDIR /wd
            COPY d ./dd
            COPY --from=src /out /o
            """);
        c.Build().AssertSameFilesystem();
    }

    [KnownDifferenceFact("ADD of a local archive keeps the uid/gid of its entries (1000:50) and applies --chown to " +
        "them; BuildKit (docker 20.10) extracts files as 0:0 and ignores --chown for extracted content: expected " +
        "/x/top/file.txt file 0644 0:0, actual 0644 1000:50")]
    public void AddedArchiveEntries_AreOwnedLikeBuildKit()
    {
        using var c = new DiffCase();
        c.File("arch.tar.gz", ContextTests.Archive(gzip: true, uid: 1000, gid: 50));
        c.Dockerfile("""
            FROM bbdiff:latest
            ADD arch.tar.gz /x/
            ADD --chown=alice:staff arch.tar.gz /z/
            """);
        c.Build().AssertSameFilesystem();
    }

    [ToolFact("docker")]
    public void ChownWithUidOnly_UsesTheUidAsGid()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").Dockerfile("FROM bbdiff:latest\nCOPY --chown=1234 a.txt /c4\n");
        c.Build().AssertSameFilesystem();
    }

    [KnownDifferenceFact("COPY --chmod=4755 sets the setuid bit; BuildKit (docker 20.10) keeps only the " +
        "permission bits: expected /m3 0755, actual 4755")]
    public void ChmodWithSpecialBits_MatchesBuildKit()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").Dockerfile("FROM bbdiff:latest\nCOPY --chmod=4755 a.txt /m3\n");
        c.Build().AssertSameFilesystem();
    }

    [ToolFact("docker")]
    public void EmptyWildcardNextToOtherSources_IsAllowed()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n").Dockerfile("FROM bbdiff:latest\nCOPY *.nothing-matches* a.txt /w5/\n");
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void WorkdirParents_BelongToTheUser()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nUSER alice\nWORKDIR /work/deep\n");
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void ParallelStages_BuildEveryTime()
    {
        for (var i = 0; i < 3; i++)
        {
            using var c = new DiffCase();
            c.File("a.txt", "alpha\n").Dockerfile(MultiStageTests.Stages);
            c.Build("--build-arg", "MSG=hello").AssertSameFilesystem();
        }
    }
}
