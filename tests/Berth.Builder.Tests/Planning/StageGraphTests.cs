using Berth.Builder.Dockerfile;
using Berth.Builder.Planning;
using Berth.Oci;

namespace Berth.Builder.Tests.Planning;

public sealed class StageGraphTests
{
    private static StageGraph Plan(string dockerfile, string? target = null, Dictionary<string, string>? args = null)
    {
        var document = DockerfileParser.Parse(dockerfile);
        var used = new HashSet<string>();
        var globals = GlobalArgs.Resolve(document, args ?? [], Platform.Host, used);
        return StageGraph.Plan(document, target, globals, new HashSet<string>(), used);
    }

    [Fact]
    public void The_target_needs_only_the_stages_it_reads_each_after_its_inputs()
    {
        var graph = Plan("FROM a AS one\nFROM b AS unused\nFROM one AS two\nRUN --mount=from=three,target=/x true\nFROM c AS three\nFROM scratch\nCOPY --from=two /x /x\n");
        Assert.Equal(["one", "three", "two", "stage-4"], graph.Needed.Select(s => s.DisplayName));
        Assert.Equal(StageBaseKind.Stage, graph.Stages[2].Base.Kind);
        Assert.Equal(StageBaseKind.Scratch, graph.Stages[4].Base.Kind);
        Assert.Equal("a", graph.Stages[0].Base.Image);
    }

    [Fact]
    public void A_target_picks_its_stage_case_insensitively_and_an_unknown_one_is_an_error()
    {
        Assert.Equal("one", Plan("FROM a AS one\nFROM b\n", "ONE").Target.DisplayName);
        var error = Assert.Throws<BerthException>(() => Plan("FROM a AS one\n", "two"));
        Assert.Equal("target stage \"two\" could not be found", error.Message);
    }

    [Fact]
    public void A_cycle_through_copy_from_is_refused()
    {
        var error = Assert.Throws<BerthException>(() => Plan("FROM a AS x\nCOPY --from=y /a /a\nFROM b AS y\nCOPY --from=x /b /b\n"));
        Assert.StartsWith("circular dependency detected on stage", error.Message);
    }

    [Fact]
    public void A_numeric_from_must_name_an_earlier_stage()
    {
        Assert.Equal([0], Plan("FROM a\nFROM b\nCOPY --from=0 /x /x\n").Target.Dependencies);
        var error = Assert.Throws<BerthException>(() => Plan("FROM a\nCOPY --from=0 /x /x\n"));
        Assert.Contains("refers to current or future build stage", error.Message);
    }

    [Fact]
    public void Global_args_expand_in_FROM_and_build_args_override_their_defaults()
    {
        Assert.Equal("img:1", Plan("ARG TAG=1\nFROM img:${TAG}\n").Target.Base.Image);
        Assert.Equal("img:2", Plan("ARG TAG=1\nFROM img:${TAG}\n", args: new() { ["TAG"] = "2" }).Target.Base.Image);
        Assert.Equal("img-" + Platform.Host.Architecture, Plan("FROM img-$TARGETARCH\n").Target.Base.Image);
    }

    [Fact]
    public void A_name_used_as_image_before_a_stage_of_that_name_is_an_image()
    {
        var graph = Plan("FROM later AS first\nFROM scratch AS later\n", "first");
        Assert.Equal(StageBaseKind.Image, graph.Target.Base.Kind);
    }
}
