namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// Config and history cases where berth differs from docker's BuildKit, one difference per case (the exact
/// difference is the skip reason). The other cases avoid or set aside exactly these, and nothing else.
/// </summary>
public sealed class KnownConfigDifferenceTests
{
    [KnownDifferenceFact("a base image without PATH in Env gets none; BuildKit appends " +
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin to Env of every stage that lacks one " +
        "(expected Env [\"PATH=…\",\"A=1\"], actual [\"A=1\"])")]
    public void DefaultPath_IsAddedWhenTheBaseHasNone()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:bare\nENV A=1\n");
        c.Build().AssertSameConfig();
    }

    [KnownDifferenceFact("HEALTHCHECK: the history row is `HEALTHCHECK CMD /bin/true` / `HEALTHCHECK NONE` where " +
        "BuildKit writes Go's %v of the struct, e.g. `HEALTHCHECK &{[\"CMD\" \"/bin/true\"] \"0s\" \"0s\" \"0s\" '\\x00'}` " +
        "(newer BuildKit adds a fourth duration, StartInterval); and `image inspect` .Config.Healthcheck shows unset " +
        "fields as null ({\"Interval\":null,\"Retries\":null,\"StartInterval\":null,…}) where docker omits them ({\"Test\":[\"CMD\",\"/bin/true\"]})")]
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

    [KnownDifferenceFact("HEALTHCHECK NONE: history row `HEALTHCHECK NONE`, BuildKit " +
        "`HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" '\\x00'}`; inspect Healthcheck {\"Interval\":null,…,\"Test\":[\"NONE\"]} " +
        "where docker shows {\"Test\":[\"NONE\"]}")]
    public void HealthcheckNone_HistoryRowAndConfig()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nHEALTHCHECK NONE\n");
        c.Build().AssertSame();
    }

    [KnownDifferenceFact("ONBUILD writes a history row per trigger (`ONBUILD RUN echo onbuild`, empty_layer); " +
        "BuildKit writes none (dispatchOnbuild only appends to Config.OnBuild, which matches)")]
    public void Onbuild_WritesNoHistoryRow()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nONBUILD RUN echo onbuild\nONBUILD COPY a /a\n");
        c.Build().AssertSame();
    }

    [KnownDifferenceFact("EXPOSE history row is `EXPOSE 443/tcp 53/udp 80/tcp 8000/tcp 8001/tcp`; BuildKit (20.10 " +
        "and current) writes Go's %v of the port map: `EXPOSE map[443/tcp:{} 53/udp:{} 80/tcp:{} 8000/tcp:{} 8001/tcp:{}]`")]
    public void Expose_HistoryRow()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nEXPOSE 80 443/tcp 53/udp 8000-8001\n");
        c.Build().AssertSame();
    }

    [KnownDifferenceFact("an ARG declared without a value and not given with --build-arg is left out of the RUN " +
        "row's build-arg list: expected `RUN |2 V= W=dflt /bin/sh -c …`, actual `RUN |1 W=dflt /bin/sh -c …`")]
    public void ArgWithoutValue_IsListedInTheRunRow()
    {
        using var c = new DiffCase();
        c.Dockerfile("FROM bbdiff:latest\nARG V\nARG W=dflt\nRUN echo \"$V $W\" > /args.txt\n");
        c.Build().AssertSame();
    }
}
