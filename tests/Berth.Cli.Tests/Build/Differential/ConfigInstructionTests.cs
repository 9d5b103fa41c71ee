using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>Instructions that only change the image config: the config and history must match docker's.</summary>
public sealed class ConfigInstructionTests
{
    [ToolFact("docker")]
    public void EnvAndArgExpansion_WithBuildArgs_MatchesDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            ARG V
            ARG W=dflt
            ARG UNSET=
            ENV A=1 B="two words" C=${V:-unset} D=${W:+set} E=$A-${B}
            ENV F=${UNSET:-x}/${W} G=${UNSET:+never} H='$A literal' I=\$A
            ENV J ${V}_old_form
            LABEL l1=$A "l 2"="${C}" l3=${W:-no}
            WORKDIR /w/${W}
            RUN echo "$A|$B|$C|$D|$E|$F|$G|$H|$V|$W" > /env.txt
            """);
        // ARG rows of the history: KnownDifferenceTests.ArgHistoryRow_ShowsTheDockerfileDefault.
        c.Build("--build-arg", "V=given", "--build-arg", "W=over").AssertSameExceptHistoryOf("ARG");
    }

    [ToolFact("docker")]
    public void ArgDefaults_WithoutBuildArgs_MatchDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            ARG BASE=bbdiff:latest
            FROM $BASE
            ARG V=
            ARG W=dflt
            ENV C=${V:-x} D=${W}
            RUN echo "$V $W" > /args.txt
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void ExpansionInInstructionArguments_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("a.txt", "alpha\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            ARG DIR=/opt/app
            ARG PORT=8080
            ARG UID=1000
            ENV SUB=sub
            WORKDIR ${DIR}
            COPY a.txt ${DIR}/${SUB:-none}/
            COPY --chown=${UID}:50 a.txt ./$SUB/owned
            EXPOSE ${PORT} ${PORT:+9090}/udp
            VOLUME ${DIR}/data
            STOPSIGNAL SIG${SIGNAME:-TERM}
            LABEL port=$PORT dir="${DIR}"
            USER ${UID}
            """);
        // EXPOSE rows: KnownConfigDifferenceTests.Expose_HistoryRow (the ports themselves are compared here).
        c.Build().AssertSameExceptHistoryOf("EXPOSE");
    }

    [ToolFact("docker")]
    public void MetadataInstructions_MatchDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            LABEL a=b c="d e"
            LABEL multi.one=1 \
                  multi.two=2
            EXPOSE 80 443/tcp 53/udp 8000-8001
            VOLUME /data ["/v1", "/v2"]
            STOPSIGNAL SIGTERM
            ONBUILD RUN echo onbuild
            ONBUILD COPY a /a
            USER 1000:50
            WORKDIR /app
            WORKDIR sub
            """);
        // EXPOSE rows and ONBUILD rows: KnownDifferenceTests (the config itself is compared here).
        c.Build("--label", "from.cli=yes", "--label", "a=overridden").AssertSameExceptHistoryOf("EXPOSE", "ONBUILD");
    }

    [ToolFact("docker")]
    public void ShellCmdAndEntrypointForms_MatchDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            CMD echo shell form
            SHELL ["/bin/sh", "-ec"]
            RUN echo "via the new shell" > /shell.txt
            ENTRYPOINT top -b
            CMD ["exec", "form"]
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void EntrypointAfterInheritedCmd_ResetsCmd_AsDockerDoes()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            ENTRYPOINT ["echo", "only"]
            STOPSIGNAL 9
            USER alice
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void UnknownInstruction_IsRefusedByBoth()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nFROBNICATE now\n");
        c.BuildBothFail();
    }
}
