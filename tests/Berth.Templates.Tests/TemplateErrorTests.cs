using System.Text.Json.Nodes;

namespace Berth.Templates.Tests;

public sealed class TemplateErrorTests
{
    private static string ErrorOf(string template, string json = """{"X":"abc","N":null,"L":["a"],"M":{"k":1},"I":5}""")
    {
        var ex = Assert.Throws<TemplateException>(() => GoTemplate.Parse(template).Execute(JsonNode.Parse(json)));
        return ex.Message;
    }

    [Theory]
    [InlineData("{{.Name }", "template: :1: unexpected \"}\" in operand")]
    [InlineData("{{.Name}", "template: :1: bad character U+007D '}'")]
    [InlineData("{{.Name", "template: :1: unclosed action")]
    [InlineData("{{if .X}}a", "template: :1: unexpected EOF")]
    [InlineData("{{end}}", "template: :1: unexpected {{end}}")]
    [InlineData("{{else}}", "template: :1: unexpected {{else}}")]
    [InlineData("{{nosuch .X}}", "template: :1: function \"nosuch\" not defined")]
    [InlineData("{{$x}}", "template: :1: undefined variable \"$x\"")]
    [InlineData("{{if}}{{end}}", "template: :1: missing value for if")]
    [InlineData("{{}}", "template: :1: missing value for command")]
    [InlineData("{{\"abc}}", "template: :1: unterminated quoted string")]
    [InlineData("{{`abc}}", "template: :1: unterminated raw quoted string")]
    [InlineData("{{/* x }}", "template: :1: unclosed comment")]
    [InlineData("{{/* x */ .X}}", "template: :1: comment ends before closing delimiter")]
    [InlineData("{{(.X}}", "template: :1: unclosed left paren")]
    [InlineData("{{.X)}}", "template: :1: unexpected \")\" in command")]
    [InlineData("{{break}}", "template: :1: {{break}} outside {{range}}")]
    [InlineData("{{.X | \"a\"}}", "template: :1: non executable command in pipeline stage 2")]
    [InlineData("{{3x}}", "template: :1: bad number syntax: \"3x\"")]
    [InlineData("{{.X!}}", "template: :1: bad character U+0021 '!'")]
    [InlineData("\n\n{{.X }", "template: :3: unexpected \"}\" in operand")]
    [InlineData("{{\"a\".X}}", "template: :1: unexpected . after term \"\\\"a\\\"\"")]
    public void Parse_errors_match_go(string template, string expected)
    {
        var ex = Assert.Throws<TemplateException>(() => GoTemplate.Parse(template));
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("{{.X.Y}}", "template: :1:4: executing \"\" at <.X.Y>: can't evaluate field Y in type string")]
    [InlineData("{{.X}} {{.I.Y}}", "template: :1:11: executing \"\" at <.I.Y>: can't evaluate field Y in type int")]
    [InlineData("{{.N.Y}}", "template: :1:4: executing \"\" at <.N.Y>: nil pointer evaluating interface {}.Y")]
    [InlineData("{{.L.Y}}", "template: :1:4: executing \"\" at <.L.Y>: can't evaluate field Y in type []interface {}")]
    [InlineData("{{index .L 5}}", "template: :1:2: executing \"\" at <index .L 5>: error calling index: index out of range: 5")]
    [InlineData("{{join .X \",\"}}", "template: :1:7: executing \"\" at <.X>: wrong type for value; expected []string; got string")]
    [InlineData("{{join .L}}", "template: :1:2: executing \"\" at <join>: wrong number of args for join: want 2 got 1")]
    [InlineData("{{lower .Missing}}", "template: :1:8: executing \"\" at <.Missing>: invalid value; expected string")]
    [InlineData("{{truncate .X \"4\"}}", "template: :1:14: executing \"\" at <\"4\">: expected integer; found \"4\"")]
    [InlineData("{{.X | truncate 4}}", "template: :1:16: executing \"\" at <4>: expected string; found 4")]
    [InlineData("{{eq .X 1}}", "template: :1:2: executing \"\" at <eq .X 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{lt .L 1}}", "template: :1:2: executing \"\" at <lt .L 1>: error calling lt: invalid type for comparison")]
    [InlineData("{{range .X}}{{end}}", "template: :1:8: executing \"\" at <.X>: range can't iterate over abc")]
    [InlineData("{{template \"nope\"}}", "template: :1:11: executing \"\" at <{{template \"nope\"}}>: template \"nope\" not defined")]
    [InlineData("{{.X 1}}", "template: :1:2: executing \"\" at <.X>: X is not a method but has arguments")]
    [InlineData("{{.X.Y 1}}", "template: :1:4: executing \"\" at <.X.Y>: can't evaluate field Y in type string")]
    [InlineData("{{nil}}", "template: :1:2: executing \"\" at <nil>: nil is not a command")]
    [InlineData("{{\"a\" 1}}", "template: :1:2: executing \"\" at <\"a\">: can't give argument to non-function \"a\"")]
    [InlineData("x\n  {{.X.Y}}", "template: :2:6: executing \"\" at <.X.Y>: can't evaluate field Y in type string")]
    public void Execution_errors_match_go(string template, string expected) =>
        Assert.Equal(expected, ErrorOf(template));

    [Fact]
    public void Missing_key_error_option_reports_the_key()
    {
        var template = GoTemplate.Parse("{{.State.Health.Status}}", new TemplateOptions { MissingKeyError = true });
        var ex = Assert.Throws<TemplateException>(() => template.Execute(JsonNode.Parse("""{"State":{}}""")));
        Assert.Equal("template: :1:8: executing \"\" at <.State.Health.Status>: map has no entry for key \"Health\"", ex.Message);
    }
}
