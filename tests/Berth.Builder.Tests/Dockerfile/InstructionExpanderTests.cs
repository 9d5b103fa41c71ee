using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class InstructionExpanderTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["NAME"] = "app",
        ["DIR"] = "/srv/app",
        ["PORTS"] = "80 443",
        ["EMPTY"] = "",
    };

    private static T Expand<T>(string line, ISet<string>? used = null) where T : Instruction =>
        InstructionExpander.Expand(Parse.One<T>(line), Env, '\\', used);

    [Fact]
    public void Env_KeysAndValues_Expand_QuotesRemoved()
    {
        var env = Expand<EnvInstruction>("ENV ${NAME}_HOME=$DIR greeting=\"hello $NAME\" literal='$NAME' esc=a\\ b");
        Assert.Equal([new("app_HOME", "/srv/app"), new("greeting", "hello app"), new("literal", "$NAME"), new KeyValuePair<string, string>("esc", "a b")], env.Pairs);
    }

    [Fact]
    public void Label_LegacyForm_Expands()
    {
        Assert.Equal([new KeyValuePair<string, string>("owner", "team app")], Expand<LabelInstruction>("LABEL owner team $NAME").Pairs);
    }

    [Fact]
    public void Arg_OnlyDefaultsExpand()
    {
        var arg = Expand<ArgInstruction>("ARG $NAME=${DIR}/bin OTHER");
        Assert.Equal([new ArgDeclaration("$NAME", "/srv/app/bin"), new ArgDeclaration("OTHER", null)], arg.Args);
    }

    [Fact]
    public void Copy_SourcesDestAndOwnership_Expand()
    {
        var copy = Expand<CopyInstruction>("COPY --chown=$NAME:$NAME --chmod=${MODE:-644} \"$NAME.conf\" ${DIR}/");
        Assert.Equal(["app.conf"], copy.Sources);
        Assert.Equal("/srv/app/", copy.Destination);
        Assert.Equal(("app:app", "644"), (copy.Chown, copy.Chmod));
    }

    [Fact]
    public void Add_Checksum_Expands()
    {
        var env = new Dictionary<string, string> { ["SUM"] = "sha256:abc" };
        var add = InstructionExpander.Expand(Parse.One<CopyInstruction>("ADD --checksum=$SUM https://x/a /a"), env, '\\');
        Assert.Equal("sha256:abc", add.Checksum);
    }

    [Fact]
    public void Copy_FromWithVariable_IsRejected()
    {
        var copy = Parse.One<CopyInstruction>("COPY --from=$STAGE a b");
        var e = Assert.Throws<BerthException>(() => InstructionExpander.Expand(copy, Env, '\\'));
        Assert.Equal("variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround", e.Message);
        Assert.Equal("build", InstructionExpander.Expand(Parse.One<CopyInstruction>("COPY --from=build a b"), Env, '\\').From);
    }

    [Fact]
    public void Copy_HeredocBody_ExpandsOnlyWithUnquotedDelimiter_QuotesStay()
    {
        var copy = Expand<CopyInstruction>("COPY <<A <<'B' /dir/\nname=\"$NAME\" '${DIR}' \\$NAME\nA\nname=$NAME\nB\n");
        Assert.Equal("name=\"app\" '/srv/app' $NAME\n", copy.SourceContents[0].Content);
        Assert.Equal("name=$NAME\n", copy.SourceContents[1].Content);
    }

    [Fact]
    public void SingleWord_Instructions_Expand()
    {
        Assert.Equal("/srv/app/data", Expand<WorkdirInstruction>("WORKDIR $DIR/data").Path);
        Assert.Equal("app:app", Expand<UserInstruction>("USER ${NAME}:${NAME}").User);
        Assert.Equal("SIGTERM", Expand<StopSignalInstruction>("STOPSIGNAL ${SIG:-SIGTERM}").Signal);
        Assert.Equal(["/srv/app", "/data"], Expand<VolumeInstruction>("VOLUME [\"$DIR\", \"/data\"]").Paths);
    }

    [Fact]
    public void Expose_SplitsExpandedWords()
    {
        Assert.Equal(["80", "443", "9000/udp"], Expand<ExposeInstruction>("EXPOSE $PORTS 9000/udp").Ports);
    }

    [Fact]
    public void Run_OnlyMountValuesExpand()
    {
        var run = Expand<RunInstruction>("RUN --mount=type=cache,id=$NAME-cache,target=$DIR,ro --network=none echo $NAME");
        Assert.Equal(["type=cache,id=app-cache,target=/srv/app,ro"], run.Mounts);
        Assert.Equal(["echo $NAME"], run.Command.Words);
    }

    [Fact]
    public void Run_MountValueWithComma_IsRequoted()
    {
        var env = new Dictionary<string, string> { ["T"] = "/a,b" };
        var run = InstructionExpander.Expand(Parse.One<RunInstruction>("RUN --mount=type=bind,target=$T true"), env, '\\');
        Assert.Equal(["type=bind,\"target=/a,b\""], run.Mounts);
    }

    [Fact]
    public void Commands_Healthcheck_AndOnbuild_AreLeftAlone()
    {
        Assert.Equal(["echo $NAME"], Expand<CmdInstruction>("CMD echo $NAME").Command.Words);
        Assert.Equal(["echo", "$NAME"], Expand<EntrypointInstruction>("ENTRYPOINT [\"echo\", \"$NAME\"]").Command.Words);
        Assert.Equal(["CMD-SHELL", "check $NAME"], Expand<HealthcheckInstruction>("HEALTHCHECK CMD check $NAME").Health.Test);
        Assert.Equal("RUN echo $NAME", Expand<OnbuildInstruction>("ONBUILD RUN echo $NAME").Expression);
    }

    [Fact]
    public void From_ImageAndPlatform_ExpandWithMetaArgs()
    {
        var meta = new Dictionary<string, string> { ["BASE"] = "alpine", ["TAG"] = "3.20", ["BUILDPLATFORM"] = "linux/amd64" };
        var used = new HashSet<string>();
        Assert.Equal("alpine:3.20", InstructionExpander.ExpandFromImage("${BASE}:${TAG:-latest}", meta, '\\', used));
        Assert.Equal(["BASE", "TAG"], used.Order());
        var doc = DockerfileParser.Parse("FROM --platform=$BUILDPLATFORM $BASE AS b\n");
        var from = InstructionExpander.Expand(doc.Stages[0].From, meta, '\\');
        Assert.Equal(("alpine", "linux/amd64", "b"), (from.Image, from.Platform, from.StageName));
    }

    [Fact]
    public void UsedNames_CollectsReferencedVariables()
    {
        var used = new HashSet<string>();
        Expand<EnvInstruction>("ENV A=$NAME B=${MISSING:-x} C='$QUOTED'", used);
        Assert.Equal(["MISSING", "NAME"], used.Order());
    }

    [Fact]
    public void Expand_KeepsLineAndOriginal()
    {
        var workdir = Expand<WorkdirInstruction>("WORKDIR $DIR");
        Assert.Equal((2, "WORKDIR $DIR"), (workdir.Line, workdir.Original));
    }

    [Fact]
    public void Expand_BacktickEscape_IsHonoured()
    {
        var doc = DockerfileParser.Parse("# escape=`\nFROM scratch\nWORKDIR C:\\Users\\`$NAME\n");
        var workdir = InstructionExpander.Expand((WorkdirInstruction)doc.Stages[0].Instructions[0], Env, doc.Directives.Escape);
        Assert.Equal("C:\\Users\\$NAME", workdir.Path);
    }

    [Fact]
    public void Expand_BadSubstitution_NamesTheWord()
    {
        var e = Assert.Throws<BerthException>(() => Expand<WorkdirInstruction>("WORKDIR ${DIR:?}/${UNSET:?needs a value}"));
        Assert.Equal("failed to process \"${DIR:?}/${UNSET:?needs a value}\": UNSET: needs a value", e.Message);
    }
}
