using Berth.Builder.Dockerfile;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class DockerfileParserTests
{
    [Fact]
    public void Directives_AtTheTop_AreRead()
    {
        var doc = DockerfileParser.Parse("# syntax=docker/dockerfile:1.7\n#ESCAPE = `\n# check=skip=JSONArgsRecommended;error=true\nFROM scratch\n");
        Assert.Equal("docker/dockerfile:1.7", doc.Directives.Syntax);
        Assert.Equal('`', doc.Directives.Escape);
        Assert.Equal("skip=JSONArgsRecommended;error=true", doc.Directives.Check);
    }

    [Theory]
    [InlineData("FROM scratch\n# escape=`\nRUN a \\\n b\n")]
    [InlineData("\n# escape=`\nFROM scratch\nRUN a \\\n b\n")]
    [InlineData("# a comment\n# escape=`\nFROM scratch\nRUN a \\\n b\n")]
    [InlineData("# unknown=x\n# escape=`\nFROM scratch\nRUN a \\\n b\n")]
    public void Directives_AfterAnythingElse_ArePlainComments(string dockerfile)
    {
        var doc = DockerfileParser.Parse(dockerfile);
        Assert.Equal('\\', doc.Directives.Escape);
        Assert.Equal("RUN a  b", Assert.Single(doc.Stages[0].Instructions).Original);
    }

    [Fact]
    public void Directives_Repeated_AreRejected()
    {
        Assert.Equal("only one escape parser directive can be used", Parse.Error("# escape=\\\n# escape=`\nFROM scratch\n"));
    }

    [Fact]
    public void Directives_BadEscape_IsRejected()
    {
        Assert.Equal("invalid escape token 'x' does not match ` or \\", Parse.Error("# escape=x\nFROM scratch\n"));
    }

    [Fact]
    public void Continuation_JoinsLines_AndSkipsCommentLines()
    {
        var run = Parse.One<RunInstruction>("RUN apt-get update && \\\n# a comment inside\n    apt-get install -y \\  \n    curl\n");
        Assert.Equal("RUN apt-get update &&     apt-get install -y     curl", run.Original);
        Assert.Equal(["apt-get update &&     apt-get install -y     curl"], run.Command.Words);
        Assert.Equal(2, run.Line);
        Assert.Equal(5, run.EndLine);
    }

    [Fact]
    public void Continuation_EmptyLine_IsSkippedWithWarning()
    {
        var doc = DockerfileParser.Parse("FROM scratch\nRUN echo a \\\n\n  b\n");
        Assert.Equal("RUN echo a   b", Assert.Single(doc.Stages[0].Instructions).Original);
        Assert.Equal("NoEmptyContinuation: Empty continuation line (line 4)", Assert.Single(doc.Warnings));
    }

    [Fact]
    public void Continuation_EscapedEscape_EndsTheLine()
    {
        var doc = DockerfileParser.Parse("FROM scratch\nRUN echo a\\\\\nRUN echo b\n");
        Assert.Equal(["RUN echo a\\\\", "RUN echo b"], doc.Stages[0].Instructions.Select(i => i.Original));
    }

    [Fact]
    public void Continuation_WithBacktickEscape_UsesBacktick()
    {
        var doc = DockerfileParser.Parse("# escape=`\nFROM scratch\nRUN dir c:\\ `\n  /s\n");
        Assert.Equal(["dir c:\\   /s"], Assert.IsType<RunInstruction>(doc.Stages[0].Instructions[0]).Command.Words);
    }

    [Fact]
    public void Continuation_AtEndOfFile_KeepsWhatWasRead()
    {
        Assert.Equal(["echo hi"], Parse.One<RunInstruction>("RUN echo hi \\").Command.Words);
    }

    [Fact]
    public void Comments_Crlf_AndIndentation_AreHandled()
    {
        var doc = DockerfileParser.Parse("\uFEFF# comment\r\n  FROM busybox AS Build\r\n\r\n   # another\r\n\tRUN true\r\n");
        var stage = Assert.Single(doc.Stages);
        Assert.Equal("build", stage.Name);
        Assert.Equal("busybox", stage.From.Image);
        Assert.Equal("RUN true", Assert.Single(stage.Instructions).Original);
        Assert.Equal(5, stage.Instructions[0].Line);
    }

    [Fact]
    public void Keywords_AreCaseInsensitive()
    {
        var doc = DockerfileParser.Parse("from scratch\nRuN echo\nworkDir /x\n");
        Assert.IsType<RunInstruction>(doc.Stages[0].Instructions[0]);
        Assert.Equal("/x", Assert.IsType<WorkdirInstruction>(doc.Stages[0].Instructions[1]).Path);
    }

    [Fact]
    public void Stages_AreIndexedAndNamed_MetaArgsCollected()
    {
        var doc = DockerfileParser.Parse("ARG BASE=alpine\nARG V\nFROM $BASE as Builder\nARG V\nRUN make\nFROM --platform=$BUILDPLATFORM scratch\nCOPY --from=builder /out /\n");
        Assert.Equal(2, doc.MetaArgs.Count);
        Assert.Equal([new ArgDeclaration("BASE", "alpine")], doc.MetaArgs[0].Args);
        Assert.Equal(2, doc.Stages.Count);
        Assert.Equal((0, "builder", "$BASE"), (doc.Stages[0].Index, doc.Stages[0].Name, doc.Stages[0].From.Image));
        Assert.Equal(2, doc.Stages[0].Instructions.Count);
        Assert.Equal((1, (string?)null, "$BUILDPLATFORM"), (doc.Stages[1].Index, doc.Stages[1].Name, doc.Stages[1].From.Platform));
        Assert.Equal("FROM --platform=$BUILDPLATFORM scratch", doc.Stages[1].From.Original);
    }

    [Theory]
    [InlineData("FROM a AS 1st", "dockerfile parse error on line 1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols")]
    [InlineData("FROM a AS my/stage", "dockerfile parse error on line 1: invalid name for build stage: \"my/stage\", name can't start with a number or contain symbols")]
    [InlineData("FROM a b", "dockerfile parse error on line 1: FROM requires either one or three arguments")]
    [InlineData("FROM a IS b", "dockerfile parse error on line 1: FROM requires either one or three arguments")]
    [InlineData("FROM", "dockerfile parse error on line 1: FROM requires either one or three arguments")]
    [InlineData("FROM --platfrom=linux/amd64 a", "dockerfile parse error on line 1: unknown flag: --platfrom (did you mean platform?)")]
    [InlineData("FROM --platform a", "dockerfile parse error on line 1: missing a value on flag: --platform")]
    public void From_BadInput_IsRejected(string dockerfile, string message)
    {
        Assert.Equal(message, Parse.Error(dockerfile));
    }

    [Fact]
    public void Stages_DuplicateName_IsAWarning()
    {
        var doc = DockerfileParser.Parse("FROM a AS x\nFROM b AS X\n");
        Assert.Equal(["StageNameCasing: Stage name 'X' should be lowercase (line 2)", "DuplicateStageName: Duplicate stage name \"x\", stage names should be unique (line 2)"], doc.Warnings);
    }

    [Theory]
    [InlineData("", "the Dockerfile cannot be empty")]
    [InlineData("# only a comment\n\n", "file with no instructions")]
    [InlineData("ARG A\n", "dockerfile contains no stages to build")]
    [InlineData("ARG A\nRUN x\nFROM a\n", "no build stage in current context")]
    [InlineData("FROM a\nXYZZY bar\n", "dockerfile parse error on line 2: unknown instruction: XYZZY")]
    [InlineData("FROM a\n\nRUNN bar\n", "dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)")]
    [InlineData("FROM a\ncopx a b\n", "dockerfile parse error on line 2: unknown instruction: copx (did you mean copy?)")]
    [InlineData("FROM a\nRUN [\"a\", 1]\n", "when using JSON array syntax, arrays must be comprised of strings only")]
    [InlineData("FROM a\nENV A\n", "ENV must have two arguments")]
    [InlineData("FROM a\nLABEL a=b c\n", "Syntax error - can't find = in \"c\". Must be of the form: name=value")]
    [InlineData("FROM a\nRUN <<EOF\nnever closed\n", "unterminated heredoc")]
    public void Errors_UseBuildKitWording(string dockerfile, string message)
    {
        Assert.Equal(message, Parse.Error(dockerfile));
    }

    [Fact]
    public void Errors_FileWideSyntaxErrors_WinOverEarlierInstructionErrors()
    {
        // BuildKit parses the whole file into lines before it types any instruction.
        Assert.Equal("unterminated heredoc", Parse.Error("FROM a\nFOO x\nRUN <<EOF\n"));
    }

    [Fact]
    public void Original_OfEveryInstruction_IsTheTrimmedSourceLine()
    {
        var doc = DockerfileParser.Parse("FROM scratch\n  ENV   A=1  \nLABEL x=\"y z\"\n");
        Assert.Equal(["ENV   A=1", "LABEL x=\"y z\""], doc.Stages[0].Instructions.Select(i => i.Original));
    }
}
