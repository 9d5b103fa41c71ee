using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>COPY sources and destinations: files, directory contents, wildcards, several sources, slashes.</summary>
public sealed class CopyTests
{
    private static DiffCase Sources(DiffCase c) => c
        .File("a.txt", "alpha\n")
        .File("b.txt", "bravo\n", 0x180 /* 0600 */)
        .File("run.sh", "#!/bin/sh\necho run\n", 0x1ED)
        .File("c.md", "charlie\n")
        .Dir("d")
        .File("d/one.txt", "one\n")
        .File("d/e/two.txt", "two\n", 0x1FF /* 0777 */)
        .File("d/e/f/three.log", "three\n")
        .Dir("empty");

    [ToolFact("docker")]
    public void CopyFilesAndDirectories_MatchDocker()
    {
        using var c = Sources(new DiffCase());
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY a.txt /a.txt
            COPY a.txt /newdir/
            COPY b.txt /renamed
            COPY run.sh /bin/
            COPY d /dcontent
            COPY d/ /dslash/
            COPY d/e /nested/deeper/
            COPY empty /emptycopy
            COPY a.txt /data
            COPY . /whole/
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void WildcardsAndSeveralSources_MatchDocker()
    {
        using var c = Sources(new DiffCase());
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY *.txt /w1/
            COPY d/*/t* /w2/
            COPY [ab].txt ?.md /w3/
            COPY a.txt b.txt /multi/
            COPY a.txt d /multidir/
            COPY d/e/f/*.log /w4
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void TrailingSlashRules_MatchDocker()
    {
        using var c = Sources(new DiffCase());
        c.Dockerfile("""
            FROM bbdiff:latest
            WORKDIR /wd
            COPY a.txt nodir
            COPY a.txt yesdir/
            COPY a.txt .
            COPY d ./dd
            COPY b.txt /data/
            COPY c.md /etc
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void MissingSource_IsRefusedByBoth()
    {
        using var c = Sources(new DiffCase());
        c.Dockerfile("FROM bbdiff:latest\nCOPY missing.txt /\n");
        c.BuildBothFail();
    }
}
