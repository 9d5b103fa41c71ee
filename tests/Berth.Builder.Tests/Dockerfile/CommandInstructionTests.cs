using Berth.Builder.Dockerfile;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class CommandInstructionTests
{
    [Fact]
    public void Run_ShellForm_KeepsTextAsWritten()
    {
        var run = Parse.One<RunInstruction>("RUN echo \"$HOME\"  'x'   && true");
        Assert.Equal(["echo \"$HOME\"  'x'   && true"], run.Command.Words);
        Assert.True(run.Command.PrependShell);
        Assert.Null(run.Network);
        Assert.Null(run.Security);
        Assert.Empty(run.Mounts);
    }

    [Fact]
    public void Run_ExecForm_DecodesJson()
    {
        var run = Parse.One<RunInstruction>("RUN [ \"echo\", \"a\\tb\", \"\\u00e9\" ]");
        Assert.Equal(["echo", "a\tb", "é"], run.Command.Words);
        Assert.False(run.Command.PrependShell);
    }

    [Fact]
    public void Run_ExecForm_UnpairedSurrogateEscape_BecomesReplacementCharacter()
    {
        Assert.Equal(["a\uFFFDb", "\U0001F600", "\\n"], Parse.One<RunInstruction>("RUN [\"a\\ud800b\", \"\\ud83d\\ude00\", \"\\\\n\"]").Command.Words);
    }

    [Theory]
    [InlineData("RUN [\"echo\", \"unterminated]")]
    [InlineData("RUN ['single', 'quotes']")]
    [InlineData("RUN [\"a\"] trailing")]
    [InlineData("RUN [\"a\",]")]
    public void Run_MalformedJson_FallsBackToShellForm(string line)
    {
        var run = Parse.One<RunInstruction>(line);
        Assert.Equal([line[4..]], run.Command.Words);
        Assert.True(run.Command.PrependShell);
    }

    [Theory]
    [InlineData("RUN [\"a\", 1]")]
    [InlineData("CMD [null]")]
    [InlineData("ENTRYPOINT [[\"a\"]]")]
    public void ExecForm_WithNonStrings_IsRejected(string line)
    {
        Assert.Equal("when using JSON array syntax, arrays must be comprised of strings only", Parse.ErrorAfterFrom(line));
    }

    [Fact]
    public void Run_Flags_AreParsed()
    {
        var run = Parse.One<RunInstruction>(
            "RUN --mount=type=cache,target=/root/.cache --mount=\"type=secret,id=tok\" --network=none --security=insecure --device=vendor.com/gpu=all -- make");
        Assert.Equal(["type=cache,target=/root/.cache", "type=secret,id=tok"], run.Mounts);
        Assert.Equal("none", run.Network);
        Assert.Equal("insecure", run.Security);
        Assert.Equal(["vendor.com/gpu=all"], run.Devices);
        Assert.Equal(["make"], run.Command.Words);
        Assert.Equal("RUN --mount=type=cache,target=/root/.cache --mount=\"type=secret,id=tok\" --network=none --security=insecure --device=vendor.com/gpu=all -- make", run.Original);
    }

    [Fact]
    public void Run_DoubleDash_EndsFlags()
    {
        Assert.Equal(["--network=none x"], Parse.One<RunInstruction>("RUN -- --network=none x").Command.Words);
    }

    [Theory]
    [InlineData("RUN --networks=none x", "unknown flag: --networks (did you mean network?)")]
    [InlineData("RUN --frobnicate x", "unknown flag: --frobnicate")]
    [InlineData("RUN --network=bridge x", "invalid network mode \"bridge\"")]
    [InlineData("RUN --security=root x", "security \"root\" is not valid")]
    [InlineData("RUN --network=none --network=host x", "duplicate flag specified: --network")]
    [InlineData("RUN --network x", "missing a value on flag: --network")]
    [InlineData("RUN --mount x", "missing a value on flag: --mount")]
    [InlineData("RUN --mount=type=bind,from=$STAGE x", "'from' doesn't support variable expansion, define alias stage instead")]
    [InlineData("RUN --mount=type=bind,src=\\\"a x", "failed to parse csv mounts: bare \" in non-quoted-field")]
    [InlineData("CMD --x echo", "unknown flag: --x")]
    [InlineData("ENV --x a=b", "unknown flag: --x")]
    [InlineData("MAINTAINER --boo joe@example.com", "unknown flag: --boo")]
    public void Flags_Bad_AreRejected(string line, string reason)
    {
        Assert.Equal($"dockerfile parse error on line 2: {reason}", Parse.ErrorAfterFrom(line));
    }

    [Fact]
    public void Flags_IgnoredWhereBuildKitIgnoresThem()
    {
        Assert.Equal("SIGTERM", Parse.One<StopSignalInstruction>("STOPSIGNAL --x SIGTERM").Signal);
        Assert.Equal("A", Parse.One<ArgInstruction>("ARG --x A").Args[0].Name);
        Assert.Equal(["NONE"], Parse.One<HealthcheckInstruction>("HEALTHCHECK --interval=x NONE").Health.Test);
    }

    [Fact]
    public void CmdAndEntrypoint_BothForms()
    {
        Assert.Equal(["nginx", "-g", "daemon off;"], Parse.One<CmdInstruction>("CMD [\"nginx\", \"-g\", \"daemon off;\"]").Command.Words);
        var entry = Parse.One<EntrypointInstruction>("ENTRYPOINT exec /app --flag");
        Assert.Equal(["exec /app --flag"], entry.Command.Words);
        Assert.True(entry.Command.PrependShell);
        Assert.Empty(Parse.One<EntrypointInstruction>("ENTRYPOINT []").Command.Words);
        Assert.Empty(Parse.One<CmdInstruction>("CMD").Command.Words);
    }

    [Fact]
    public void Shell_RequiresJson()
    {
        Assert.Equal(["/bin/bash", "-o", "pipefail", "-c"], Parse.One<ShellInstruction>("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]").Shell);
        Assert.Equal("dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form", Parse.ErrorAfterFrom("SHELL /bin/bash -c"));
        Assert.Equal("dockerfile parse error on line 2: SHELL requires at least one argument", Parse.ErrorAfterFrom("SHELL []"));
    }

    [Fact]
    public void Healthcheck_Cmd_WithDurations()
    {
        var health = Parse.One<HealthcheckInstruction>(
            "HEALTHCHECK --interval=30s --timeout=1m30s --start-period=1.5s --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1").Health;
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/ || exit 1"], health.Test);
        Assert.Equal(30_000_000_000L, health.Interval);
        Assert.Equal(90_000_000_000L, health.Timeout);
        Assert.Equal(1_500_000_000L, health.StartPeriod);
        Assert.Equal(500_000_000L, health.StartInterval);
        Assert.Equal(3, health.Retries);
    }

    [Fact]
    public void Healthcheck_ExecFormAndNone()
    {
        var health = Parse.One<HealthcheckInstruction>("healthcheck cmd [\"/check\", \"--quiet\"]").Health;
        Assert.Equal(["CMD", "/check", "--quiet"], health.Test);
        Assert.Null(health.Interval);
        Assert.Null(health.Retries);
        Assert.Equal(["NONE"], Parse.One<HealthcheckInstruction>("HEALTHCHECK none").Health.Test);
    }

    [Theory]
    [InlineData("HEALTHCHECK NONE x", "HEALTHCHECK NONE takes no arguments")]
    [InlineData("HEALTHCHECK", "HEALTHCHECK requires at least one argument")]
    [InlineData("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD")]
    [InlineData("HEALTHCHECK RUN x", "Unknown type \"RUN\" in HEALTHCHECK (try CMD)")]
    [InlineData("HEALTHCHECK --interval=50ns CMD x", "Interval \"interval\" cannot be less than 1ms")]
    [InlineData("HEALTHCHECK --timeout=-1s CMD x", "Interval \"timeout\" cannot be less than 1ms")]
    [InlineData("HEALTHCHECK --interval=abc CMD x", "time: invalid duration \"abc\"")]
    [InlineData("HEALTHCHECK --interval=10 CMD x", "time: missing unit in duration \"10\"")]
    [InlineData("HEALTHCHECK --interval=10d CMD x", "time: unknown unit \"d\" in duration \"10d\"")]
    [InlineData("HEALTHCHECK --retries=-1 CMD x", "--retries cannot be negative (-1)")]
    [InlineData("HEALTHCHECK --retries=x CMD x", "strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData("HEALTHCHECK --retries=99999999999 CMD x", "strconv.ParseInt: parsing \"99999999999\": value out of range")]
    [InlineData("HEALTHCHECK --intervl=1s CMD x", "unknown flag: --intervl (did you mean interval?)")]
    public void Healthcheck_BadInput_IsRejected(string line, string reason)
    {
        Assert.Equal($"dockerfile parse error on line 2: {reason}", Parse.ErrorAfterFrom(line));
    }

    [Fact]
    public void Healthcheck_ZeroDurations_MeanDefault()
    {
        var health = Parse.One<HealthcheckInstruction>("HEALTHCHECK --interval=0s --retries=0 CMD x").Health;
        Assert.Null(health.Interval);
        Assert.Null(health.Retries);
        Assert.Equal(1_000_000L, Parse.One<HealthcheckInstruction>("HEALTHCHECK --interval=1ms CMD x").Health.Interval);
    }

    [Fact]
    public void Onbuild_KeepsTriggerText()
    {
        var onbuild = Parse.One<OnbuildInstruction>("  onbuild   RUN --mount=type=cache,target=/x echo hi");
        Assert.Equal("RUN --mount=type=cache,target=/x echo hi", onbuild.Expression);
        Assert.Equal("onbuild   RUN --mount=type=cache,target=/x echo hi", onbuild.Original);
    }

    [Theory]
    [InlineData("ONBUILD ONBUILD RUN touch foobar", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("ONBUILD FROM scratch", "FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("ONBUILD maintainer me", "MAINTAINER isn't allowed as an ONBUILD trigger")]
    [InlineData("ONBUILD", "ONBUILD requires at least one argument")]
    public void Onbuild_BadTrigger_IsRejected(string line, string reason)
    {
        Assert.Equal($"dockerfile parse error on line 2: {reason}", Parse.ErrorAfterFrom(line));
    }
}
