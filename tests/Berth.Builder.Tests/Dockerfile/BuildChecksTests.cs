using Berth.Builder.Dockerfile;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class BuildChecksTests
{
    [Fact]
    public void CleanDockerfile_HasNoWarnings()
    {
        Assert.Empty(DockerfileParser.Parse("FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /out /\n").Warnings);
    }

    [Fact]
    public void Casing_OfFromAndAs_MustMatch()
    {
        Assert.Equal(["FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)"], DockerfileParser.Parse("FROM a as b\n").Warnings);
        Assert.Equal(["FromAsCasing: 'AS' and 'from' keywords' casing do not match (line 1)"], DockerfileParser.Parse("from a AS b\n").Warnings);
        Assert.DoesNotContain(DockerfileParser.Parse("From a as b\n").Warnings, w => w.StartsWith("FromAsCasing", StringComparison.Ordinal));
    }

    [Fact]
    public void Instructions_FollowTheMajorityCasing()
    {
        var doc = DockerfileParser.Parse("FROM a\nRUN x\nrun y\nRun z\n");
        Assert.Equal(
            ["ConsistentInstructionCasing: Command 'run' should match the case of the command majority (uppercase) (line 3)",
             "ConsistentInstructionCasing: Command 'Run' should match the case of the command majority (uppercase) (line 4)"],
            doc.Warnings);
    }

    [Fact]
    public void ReservedStageName_AndMaintainer_AreReported()
    {
        var doc = DockerfileParser.Parse("FROM a AS scratch\nMAINTAINER me\n");
        Assert.Equal(
            ["MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 2)",
             "ReservedStageName: Stage name should not use the same name as reserved stage \"scratch\" (line 1)"],
            doc.Warnings);
    }

    [Fact]
    public void CheckDirective_SkipsNamedRules()
    {
        Assert.Equal(["MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 3)"],
            DockerfileParser.Parse("# check=skip=FromAsCasing,StageNameCasing\nFROM a as B\nMAINTAINER me\n").Warnings);
        Assert.Empty(DockerfileParser.Parse("# check=skip=all;error=true\nFROM a as B\nMAINTAINER me\n").Warnings);
    }
}
