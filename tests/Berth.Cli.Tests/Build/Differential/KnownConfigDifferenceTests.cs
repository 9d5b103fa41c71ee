using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// Config and history cases where berth differs from docker's BuildKit, one difference per case (the exact
/// difference is the skip reason). The other cases avoid or set aside exactly these, and nothing else.
/// </summary>
public sealed class KnownConfigDifferenceTests
{
    [ToolFact("docker")]
    public void DefaultPath_IsAddedWhenTheBaseHasNone()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:bare\nENV A=1\n");
        c.Build().AssertSameConfig();
    }

    [KnownDifferenceFact("the oracle (docker 20.10) predates StartInterval: its HEALTHCHECK history row has three durations " +
        "(`&{[\"CMD\" \"/bin/true\"] \"0s\" \"0s\" \"0s\" '\\x00'}`); berth writes current BuildKit's row with four")]
    public void Healthcheck_HistoryRowAndConfig()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            FROM bbdiff:latest
            HEALTHCHECK CMD ["/bin/true"]
            HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=4 CMD wget -q localhost || exit 1
            """);
        c.Build().AssertSame();
    }

    [KnownDifferenceFact("the oracle (docker 20.10) predates StartInterval: its HEALTHCHECK NONE history row has three " +
        "durations; berth writes current BuildKit's row with four")]
    public void HealthcheckNone_HistoryRowAndConfig()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nHEALTHCHECK NONE\n");
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void Onbuild_WritesNoHistoryRow()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nONBUILD RUN echo onbuild\nONBUILD COPY a /a\n");
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void Expose_HistoryRow()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nEXPOSE 80 443/tcp 53/udp 8000-8001\n");
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void ArgWithoutValue_IsListedInTheRunRow()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nARG V\nARG W=dflt\nRUN echo \"$V $W\" > /args.txt\n");
        c.Build().AssertSame();
    }
}
