using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// Syntax newer than the Dockerfile frontend built into the docker daemon on hand (20.10 ships frontend 1.2:
/// no heredocs, no COPY --parents or --exclude, and no network to pull a newer frontend). Docker builds the
/// equivalent the Dockerfile reference gives for each, and the filesystems must match; history and config
/// differ by construction (other instructions), so only the layers are compared.
/// </summary>
public sealed class NewerSyntaxTests
{
    [ToolFact("docker")]
    public void Heredocs_ProduceWhatTheirExpansionDoes()
    {
        using var c = new DiffCase();
        c.File("expanded.txt", "line val $\nsecond\n").File("literal.txt", "line $X\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            ENV X=val
            RUN <<EOF
            echo one > /h1
            echo two >> /h1
            EOF
            RUN <<EOF sh -c 'cat > /h2'
            piped text
            EOF
            COPY <<EOF /etc/expanded.txt
            line $X \$
            second
            EOF
            COPY <<'EOF' /etc/literal.txt
            line $X
            EOF
            COPY --chmod=755 <<EOF /bin/hello
            #!/bin/sh
            echo hi
            EOF
            """);
        c.File("hello", "#!/bin/sh\necho hi\n", 0x1ED);
        c.DockerfileForDocker("""
            FROM bbdiff:latest
            ENV X=val
            RUN echo one > /h1 && echo two >> /h1
            RUN echo 'piped text' > /h2
            COPY expanded.txt /etc/expanded.txt
            COPY literal.txt /etc/literal.txt
            COPY hello /bin/hello
            """);
        c.Build().AssertSameFilesystem();
    }

    [ToolFact("docker")]
    public void CopyParents_KeepsTheSourcePaths()
    {
        using var c = new DiffCase();
        c.File("d/e/f.txt", "f\n").File("x/y.txt", "y\n").File("x/z.md", "z\n").File("top.txt", "t\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY --parents d/e/f.txt x/*.txt top.txt /p/
            """);
        c.DockerfileForDocker("""
            FROM bbdiff:latest
            COPY d/e/f.txt /p/d/e/
            COPY x/y.txt /p/x/
            COPY top.txt /p/
            """);
        c.Build().AssertSameFilesystem();
    }

    [ToolFact("docker")]
    public void CopyExclude_LeavesOutTheMatches()
    {
        using var c = new DiffCase();
        c.File("src/a.txt", "a\n").File("src/b.log", "b\n").File("src/sub/c.txt", "c\n").File("src/sub/d.log", "d\n")
            .File("src/skip/e.txt", "e\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY --exclude=**/*.log --exclude=skip src/ /e/
            """);
        c.DockerfileForDocker("""
            FROM bbdiff:latest
            COPY src/a.txt /e/
            COPY src/sub/c.txt /e/sub/
            """);
        c.Build().AssertSameFilesystem();
    }
}
