using Berth.Builder.Dockerfile;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class HeredocTests
{
    [Fact]
    public void Run_Heredoc_KeepsBodyLinesAndEndings()
    {
        var run = Parse.One<RunInstruction>("RUN <<EOF\n# not a comment here\necho $HOME \\\n\tindented\nEOF\n");
        Assert.Equal([new Heredoc("EOF", "# not a comment here\necho $HOME \\\n\tindented\n", true)], run.Heredocs);
        Assert.Equal(["<<EOF"], run.Command.Words);
        Assert.True(run.Command.PrependShell);
        Assert.Equal("RUN <<EOF", run.Original);
        Assert.Equal((2, 6), (run.Line, run.EndLine));
    }

    [Fact]
    public void Run_DashHeredoc_StripsLeadingTabs_AndIndentedTerminator()
    {
        var run = Parse.One<RunInstruction>("RUN <<-EOF\n\t\tbaz\n\t quux\n\tEOF\n");
        Assert.Equal([new Heredoc("EOF", "baz\n quux\n", true)], run.Heredocs);
    }

    [Fact]
    public void Run_PlainHeredoc_DoesNotEndAtIndentedTerminator()
    {
        var doc = DockerfileParser.Parse("FROM a\nRUN <<EOF\n\tEOF\nEOF\nRUN true\n");
        var run = Assert.IsType<RunInstruction>(doc.Stages[0].Instructions[0]);
        Assert.Equal("\tEOF\n", run.Heredocs[0].Content);
        Assert.Equal(2, doc.Stages[0].Instructions.Count);
    }

    [Theory]
    [InlineData("<<'EOF'", "EOF", false)]
    [InlineData("<<\"EOF\"", "EOF", false)]
    [InlineData("<<eo'f'", "eof", false)]
    [InlineData("<<eo\\'f", "eo'f", true)]
    [InlineData("<<'e'o\\'f", "eo'f", false)]
    [InlineData("<<$EOF", "$EOF", true)]
    [InlineData("<<  EOF", "EOF", true)]
    [InlineData("3<<EOF", "EOF", true)]
    public void Delimiters_QuotingDecidesExpansion(string marker, string name, bool expand)
    {
        var run = Parse.One<RunInstruction>($"RUN {marker} cat\nbody\n{name}\n");
        var heredoc = Assert.Single(run.Heredocs);
        Assert.Equal((name, "body\n", expand), (heredoc.Name, heredoc.Content, heredoc.Expand));
    }

    [Fact]
    public void Delimiter_WithSpaceInQuotes_IsOneName()
    {
        var run = Parse.One<RunInstruction>("RUN <<'one two'\necho bar\none two\n");
        Assert.Equal([new Heredoc("one two", "echo bar\n", false)], run.Heredocs);
    }

    [Fact]
    public void Run_SeveralHeredocs_AreReadInOrder()
    {
        var run = Parse.One<RunInstruction>("RUN <<A cat - <<B > /out\nfirst\nA\nsecond\nB\n");
        Assert.Equal([new Heredoc("A", "first\n", true), new Heredoc("B", "second\n", true)], run.Heredocs);
        Assert.Equal(["<<A cat - <<B > /out"], run.Command.Words);
    }

    [Fact]
    public void Run_QuotedHeredocMarker_IsNotAHeredoc()
    {
        var doc = DockerfileParser.Parse("FROM a\nRUN echo \"<<NOHEREDOC\"\nRUN true\n");
        Assert.Empty(Assert.IsType<RunInstruction>(doc.Stages[0].Instructions[0]).Heredocs);
        Assert.Equal(2, doc.Stages[0].Instructions.Count);
    }

    [Fact]
    public void Run_JsonForm_HasNoHeredocs()
    {
        var doc = DockerfileParser.Parse("FROM a\nRUN [\"<<EOF\"]\nRUN true\n");
        Assert.Empty(Assert.IsType<RunInstruction>(doc.Stages[0].Instructions[0]).Heredocs);
        Assert.Equal(2, doc.Stages[0].Instructions.Count);
    }

    [Fact]
    public void Run_WithFlags_StillReadsHeredoc()
    {
        var run = Parse.One<RunInstruction>("RUN --mount=type=cache,target=/root/.cache <<EOF\necho hello\nEOF\n");
        Assert.Equal(["type=cache,target=/root/.cache"], run.Mounts);
        Assert.Equal("echo hello\n", Assert.Single(run.Heredocs).Content);
    }

    [Fact]
    public void OtherInstructions_DoNotTakeHeredocs()
    {
        Assert.Equal("dockerfile parse error on line 3: unknown instruction: INVALID", Parse.ErrorAfterFrom("USER <<INVALID\nINVALID\n"));
    }

    [Fact]
    public void Copy_Heredocs_BecomeSourceContents()
    {
        var copy = Parse.One<CopyInstruction>("COPY <<FILE1 <<-FILE2 /dest/\ncontent 1\nFILE1\n\tcontent 2\nFILE2\n");
        Assert.Empty(copy.Sources);
        Assert.Equal("/dest/", copy.Destination);
        Assert.Equal([new Heredoc("FILE1", "content 1\n", true), new Heredoc("FILE2", "content 2\n", true)], copy.SourceContents);
    }

    [Fact]
    public void Copy_HeredocBodies_MatchByName_NotByOrder()
    {
        var copy = Parse.One<CopyInstruction>("COPY <<X <<Y /dest\nY\nX\nX\nY\n");
        Assert.Equal([new Heredoc("X", "Y\n", true), new Heredoc("Y", "X\n", true)], copy.SourceContents);
    }

    [Fact]
    public void Copy_MixesFilesAndHeredocs_QuotesKept()
    {
        var add = Parse.One<CopyInstruction>("ADD a.txt <<'EOF' /quotes\n\"foo\"\n'bar' $X\nEOF\n");
        Assert.True(add.IsAdd);
        Assert.Equal(["a.txt"], add.Sources);
        Assert.Equal([new Heredoc("EOF", "\"foo\"\n'bar' $X\n", false)], add.SourceContents);
    }

    [Fact]
    public void Copy_HeredocDestination_IsRejected()
    {
        Assert.Equal("dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination", Parse.ErrorAfterFrom("COPY a <<EOF\nx\nEOF\n"));
    }

    [Fact]
    public void Onbuild_Heredoc_IsAppendedToExpression()
    {
        var onbuild = Parse.One<OnbuildInstruction>("ONBUILD RUN <<EOF\necho hi\nEOF\n");
        Assert.Equal("RUN <<EOF\necho hi\nEOF", onbuild.Expression);
    }

    [Fact]
    public void Heredoc_Unterminated_IsRejected()
    {
        Assert.Equal("unterminated heredoc", Parse.ErrorAfterFrom("COPY <<A <<B /x\na\nA\nb\n"));
    }
}
