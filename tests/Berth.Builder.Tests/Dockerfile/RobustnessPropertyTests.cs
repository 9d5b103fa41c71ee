using Berth.Builder.Dockerfile;
using Berth.Oci;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Berth.Builder.Tests.Dockerfile;

/// <summary>Whatever the input, the front end either answers or fails with a BerthException, never a crash.</summary>
public sealed class RobustnessPropertyTests
{
    private static readonly string[] Pieces =
    [
        "FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "ARG ", "LABEL ", "ONBUILD ", "HEALTHCHECK ", "SHELL ", "CMD ",
        "EXPOSE ", "VOLUME ", "USER ", "WORKDIR ", "STOPSIGNAL ", "MAINTAINER ", "AS ", "CMD ", "NONE",
        "--mount=", "--from=", "--link", "--interval=", "--", "-", "\n", "\r\n", "\\\n", "\\", "`", " ", "\t",
        "<<", "<<-", "EOF", "'", "\"", "$", "${", "}", ":-", ":?", "#", "%", "/", "=", ",", "[", "]", "\"a\"",
        "# escape=`\n", "# syntax=x\n", "a", "b", "1", "\uFEFF", "😀",
    ];

    private static Arbitrary<string> DockerfileText() =>
        Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p)).ToArbitrary();

    private static bool AnswersOrRejects(Action action)
    {
        try
        {
            action();
        }
        catch (BerthException e) when (e.Kind == ErrorKind.InvalidArgument)
        {
        }
        return true;
    }

    [Property(MaxTest = 2000)]
    public Property Parse_AnyText_AnswersOrRejects() =>
        Prop.ForAll(DockerfileText(), text => AnswersOrRejects(() => DockerfileParser.Parse(text)));

    [Property(MaxTest = 2000)]
    public Property Parse_AnyTextAfterFrom_AnswersOrRejects() =>
        Prop.ForAll(DockerfileText(), text => AnswersOrRejects(() =>
        {
            var doc = DockerfileParser.Parse("FROM a\n" + text);
            var env = new Dictionary<string, string> { ["a"] = "x,y", ["b"] = "" };
            foreach (var instruction in doc.Stages.SelectMany(s => s.Instructions.Prepend(s.From)))
            {
                var expanded = InstructionExpander.Expand(instruction, env, doc.Directives.Escape);
                if (expanded is RunInstruction run) foreach (var mount in run.Mounts) AnswersOrRejects(() => RunMount.Parse(mount));
            }
        }));

    [Property(MaxTest = 2000)]
    public Property Lexer_AnyText_AnswersOrRejects() =>
        Prop.ForAll(DockerfileText(), text => AnswersOrRejects(() =>
        {
            var env = new Dictionary<string, string> { ["a"] = "x y", ["b"] = "" };
            new ShellLexer().ProcessWord(text, env);
            new ShellLexer('`').ProcessWords(text, env);
        }));
}
