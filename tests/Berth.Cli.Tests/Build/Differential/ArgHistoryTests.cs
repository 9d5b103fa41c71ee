using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// The ARG history row is where the docker on hand (20.10, frontend 1.2) and current BuildKit disagree: 20.10
/// writes the Dockerfile text (<c>ARG V=argval</c>, <c>ARG W</c>), current dockerfile2llb (dispatchArg) writes
/// the value the ARG takes: the --build-arg value, else the expanded default, else the global ARG's value.
/// berth follows current BuildKit, so its ARG rows are checked against that rule and every other row, the
/// config and the filesystem against docker.
/// </summary>
public sealed class ArgHistoryTests
{
    [ToolFact("docker")]
    public void ArgRows_FollowCurrentBuildKit_AndTheRestMatchesDocker()
    {
        using var c = new DiffCase();
        c.Dockerfile("""
            ARG BASE=bbdiff:latest
            FROM $BASE
            ARG V=argval
            ARG W
            ARG BASE
            ARG D=pre-${V}
            RUN echo "$V $W $BASE $D" > /args.txt
            """);
        var r = c.Build("--build-arg", "V=given", "--build-arg", "W=given2");
        r.AssertSameExceptHistoryOf("ARG");
        Assert.Equal(
            ["ARG V=given", "ARG W=given2", "ARG BASE=bbdiff:latest", "ARG D=pre-given"],
            r.Berth.History.Select(h => h.CreatedBy).Where(s => s.StartsWith("ARG ", StringComparison.Ordinal)));
        Assert.Contains(r.Docker.History, h => h.CreatedBy == "ARG V=argval");
    }
}
