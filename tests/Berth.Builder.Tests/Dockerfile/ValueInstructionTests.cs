using Berth.Builder.Dockerfile;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class ValueInstructionTests
{
    private static KeyValuePair<string, string> Kv(string key, string value) => new(key, value);

    [Fact]
    public void Env_PairForm_KeepsQuotesAndEscapesForTheLexer()
    {
        var env = Parse.One<EnvInstruction>("ENV a=1 b=\"two words\" c=three\\ words d='x\"y' e= f=\"a\\\"b\"");
        Assert.Equal([Kv("a", "1"), Kv("b", "\"two words\""), Kv("c", "three\\ words"), Kv("d", "'x\"y'"), Kv("e", ""), Kv("f", "\"a\\\"b\"")], env.Pairs);
    }

    [Fact]
    public void Env_LegacyForm_TakesTheRestOfTheLine()
    {
        Assert.Equal([Kv("name", "value  with   spaces")], Parse.One<EnvInstruction>("ENV name value  with   spaces").Pairs);
        Assert.Equal([Kv("name", "\"quoted\" x")], Parse.One<EnvInstruction>("ENV name \"quoted\" x").Pairs);
    }

    [Fact]
    public void Label_BothForms()
    {
        Assert.Equal([Kv("\"com.example.vendor\"", "\"ACME Inc\""), Kv("version", "1.0")],
            Parse.One<LabelInstruction>("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0").Pairs);
        Assert.Equal([Kv("maintainer", "me <me@example.com>")], Parse.One<LabelInstruction>("LABEL maintainer me <me@example.com>").Pairs);
    }

    [Theory]
    [InlineData("ENV", "dockerfile parse error on line 2: ENV requires at least one argument")]
    [InlineData("ENV a", "ENV must have two arguments")]
    [InlineData("LABEL a", "LABEL must have two arguments")]
    [InlineData("ENV a=b c", "Syntax error - can't find = in \"c\". Must be of the form: name=value")]
    [InlineData("ENV =b", "dockerfile parse error on line 2: ENV names can not be blank")]
    [InlineData("LABEL =b", "dockerfile parse error on line 2: LABEL names can not be blank")]
    [InlineData("ARG =b", "dockerfile parse error on line 2: ARG names can not be blank")]
    [InlineData("ARG", "dockerfile parse error on line 2: ARG requires at least one argument")]
    [InlineData("EXPOSE", "dockerfile parse error on line 2: EXPOSE requires at least one argument")]
    [InlineData("VOLUME", "dockerfile parse error on line 2: VOLUME requires at least one argument")]
    [InlineData("VOLUME [\"\"]", "dockerfile parse error on line 2: VOLUME specified can not be an empty string")]
    [InlineData("USER", "dockerfile parse error on line 2: USER requires exactly one argument")]
    [InlineData("WORKDIR", "dockerfile parse error on line 2: WORKDIR requires exactly one argument")]
    [InlineData("STOPSIGNAL", "dockerfile parse error on line 2: STOPSIGNAL requires exactly one argument")]
    [InlineData("MAINTAINER", "dockerfile parse error on line 2: MAINTAINER requires exactly one argument")]
    [InlineData("COPY a", "dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined")]
    [InlineData("ADD", "dockerfile parse error on line 2: ADD requires at least two arguments, but only one was provided. Destination could not be determined")]
    [InlineData("COPY --checksum=sha256:x a b", "dockerfile parse error on line 2: unknown flag: --checksum")]
    [InlineData("ADD --from=x a b", "dockerfile parse error on line 2: unknown flag: --from")]
    [InlineData("COPY --chmown=1 a b", "dockerfile parse error on line 2: unknown flag: --chmown (did you mean chown?)")]
    [InlineData("COPY --link=yes a b", "dockerfile parse error on line 2: expecting boolean value for flag --link, not: yes")]
    [InlineData("COPY --link= a b", "dockerfile parse error on line 2: missing a value on flag: --link")]
    [InlineData("COPY --chown a b", "dockerfile parse error on line 2: missing a value on flag: --chown")]
    [InlineData("COPY --from=a --from=b a b", "dockerfile parse error on line 2: duplicate flag specified: --from")]
    public void BadInput_IsRejected(string line, string message)
    {
        Assert.Equal(message, Parse.ErrorAfterFrom(line));
    }

    [Fact]
    public void Arg_NamesAndDefaults()
    {
        var arg = Parse.One<ArgInstruction>("ARG A B=2 C=\"x y\" D=");
        Assert.Equal([new ArgDeclaration("A", null), new ArgDeclaration("B", "2"), new ArgDeclaration("C", "\"x y\""), new ArgDeclaration("D", "")], arg.Args);
    }

    [Fact]
    public void Expose_IsSortedRaw()
    {
        // BuildKit sorts the raw words (byte order) before expanding them.
        Assert.Equal(["$PORT", "443/tcp", "80", "8080-8090/udp"], Parse.One<ExposeInstruction>("EXPOSE 80 443/tcp 8080-8090/udp $PORT").Ports);
    }

    [Fact]
    public void Volume_JsonAndWhitespaceForms()
    {
        Assert.Equal(["/data", "/var/log app"], Parse.One<VolumeInstruction>("VOLUME [\"/data\", \" /var/log app \"]").Paths);
        Assert.Equal(["/a", "/b"], Parse.One<VolumeInstruction>("VOLUME /a \t /b").Paths);
    }

    [Fact]
    public void SingleValue_Instructions_TakeTheWholeRest()
    {
        Assert.Equal("app user", Parse.One<UserInstruction>("USER app user").User);
        Assert.Equal("/my dir", Parse.One<WorkdirInstruction>("WORKDIR /my dir").Path);
        Assert.Equal("SIGKILL", Parse.One<StopSignalInstruction>("STOPSIGNAL SIGKILL").Signal);
        Assert.Equal("Jane Doe <jane@example.com>", Parse.One<MaintainerInstruction>("MAINTAINER Jane Doe <jane@example.com>").Maintainer);
    }

    [Fact]
    public void Copy_Flags_AreParsed()
    {
        var copy = Parse.One<CopyInstruction>(
            "COPY --from=build --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=\"**/test\" src/ \"lib\" /app/");
        Assert.False(copy.IsAdd);
        Assert.Equal(["src/", "\"lib\""], copy.Sources);
        Assert.Equal("/app/", copy.Destination);
        Assert.Equal(("build", "app:app", "0755"), (copy.From, copy.Chown, copy.Chmod));
        Assert.True(copy.Link);
        Assert.True(copy.Parents);
        Assert.Equal(["*.md", "**/test"], copy.Excludes);
        Assert.Null(copy.Unpack);
    }

    [Fact]
    public void Copy_JsonForm_AllowsSpaces()
    {
        var copy = Parse.One<CopyInstruction>("COPY --link=false [\"my file\", \"other\", \"/dest dir/\"]");
        Assert.Equal(["my file", "other"], copy.Sources);
        Assert.Equal("/dest dir/", copy.Destination);
        Assert.False(copy.Link);
        Assert.Null(copy.From);
    }

    [Fact]
    public void Add_Flags_AreParsed()
    {
        var add = Parse.One<CopyInstruction>("ADD --checksum=sha256:abc --keep-git-dir=true --unpack=false --link=TRUE https://example.com/a.tar.gz /x");
        Assert.True(add.IsAdd);
        Assert.Equal("sha256:abc", add.Checksum);
        Assert.True(add.KeepGitDir);
        Assert.False(add.Unpack);
        Assert.True(add.Link);
        Assert.True(Parse.One<CopyInstruction>("ADD --unpack a.tar /x").Unpack);
    }
}
