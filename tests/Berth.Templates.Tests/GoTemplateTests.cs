using System.Text.Json.Nodes;

namespace Berth.Templates.Tests;

public sealed class GoTemplateTests
{
    private const string Data = """
        {
          "Name": "web",
          "ID": "0123456789abcdef",
          "Size": 12345678901234567890,
          "Count": 3,
          "Ratio": 1.5,
          "Big": 1e21,
          "On": true,
          "Off": false,
          "Nil": null,
          "Empty": "",
          "X": "abc",
          "L": ["a", "b", "c"],
          "N": [1, 2, 3],
          "E": [],
          "M": {"k": "v", "b": "2", "a": "1"},
          "Mixed": {"z": 1, "a": null, "m": [1, "x"]},
          "Config": {"Labels": {"com.example": "yes"}, "Env": ["A=1", "B=2"], "Cmd": null},
          "Html": "<a href=\"x\">&</a>",
          "Items": [{"Name": "one", "Port": 80}, {"Name": "two", "Port": 443}]
        }
        """;

    private static string Run(string template, string? json = Data, TemplateOptions? options = null) =>
        GoTemplate.Parse(template, options).Execute(json is null ? null : JsonNode.Parse(json));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("{{.Name}}", "web")]
    [InlineData("{{ .Name }}", "web")]
    [InlineData("{{.Count}}", "3")]
    [InlineData("{{.Size}}", "12345678901234567890")]
    [InlineData("{{.Ratio}}", "1.5")]
    [InlineData("{{.Big}}", "1e+21")]
    [InlineData("{{.On}} {{.Off}}", "true false")]
    [InlineData("{{.Missing}}", "<no value>")]
    [InlineData("{{.Missing.Deeper}}", "<no value>")]
    [InlineData("{{.Nil}}", "<nil>")]
    [InlineData("{{.L}}", "[a b c]")]
    [InlineData("{{.E}}", "[]")]
    [InlineData("{{.M}}", "map[a:1 b:2 k:v]")]
    [InlineData("{{.Mixed}}", "map[a:<nil> m:[1 x] z:1]")]
    [InlineData("{{.Config.Labels}}", "map[com.example:yes]")]
    [InlineData("{{$}}", "map[Big:1e+21 Config:map[Cmd:<nil> Env:[A=1 B=2] Labels:map[com.example:yes]] Count:3 E:[] Empty: Html:<a href=\"x\">&</a> ID:0123456789abcdef Items:[map[Name:one Port:80] map[Name:two Port:443]] L:[a b c] M:map[a:1 b:2 k:v] Mixed:map[a:<nil> m:[1 x] z:1] N:[1 2 3] Name:web Nil:<nil> Off:false On:true Ratio:1.5 Size:12345678901234567890 X:abc]")]
    public void Prints_values_like_go_fmt(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{json .M}}", "{\"k\":\"v\",\"b\":\"2\",\"a\":\"1\"}")]
    [InlineData("{{json .Html}}", "\"<a href=\\\"x\\\">&</a>\"")]
    [InlineData("{{json .Items}}", "[{\"Name\":\"one\",\"Port\":80},{\"Name\":\"two\",\"Port\":443}]")]
    [InlineData("{{json .Config}}", "{\"Labels\":{\"com.example\":\"yes\"},\"Env\":[\"A=1\",\"B=2\"],\"Cmd\":null}")]
    [InlineData("{{json .Missing}}", "null")]
    [InlineData("{{json .Ratio}} {{json .Big}} {{json .Size}}", "1.5 1e+21 12345678901234567890")]
    [InlineData("{{json (split .X \"\")}}", "[\"a\",\"b\",\"c\"]")]
    [InlineData("{{json \"tab\\there\\u0001\\u2028\"}}", "\"tab\\there\\u0001\\u2028\"")]
    public void Json_matches_docker(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{range .L}}{{.}},{{end}}", "a,b,c,")]
    [InlineData("{{range $i, $v := .L}}{{$i}}={{$v}} {{end}}", "0=a 1=b 2=c ")]
    [InlineData("{{range $v := .N}}{{$v}}{{end}}", "123")]
    [InlineData("{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}", "a=1;b=2;k=v;")]
    [InlineData("{{range .E}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{range .Missing}}x{{else}}none{{end}}", "none")]
    [InlineData("{{range .L}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", "a")]
    [InlineData("{{range .L}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", "ac")]
    [InlineData("{{range .Items}}{{.Name}}:{{.Port}} {{end}}", "one:80 two:443 ")]
    [InlineData("{{range 3}}{{.}}{{end}}", "012")]
    [InlineData("{{range .Items}}{{$.Name}}{{end}}", "webweb")]
    [InlineData("{{if .On}}yes{{end}}", "yes")]
    [InlineData("{{if .Off}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Missing}}a{{else if .Empty}}b{{else if .L}}c{{else}}d{{end}}", "c")]
    [InlineData("{{if eq .X \"x\" \"y\" \"abc\"}}match{{end}}", "match")]
    [InlineData("{{if eq .A \"x\" \"y\"}}match{{else}}no{{end}}", "no")]
    [InlineData("{{if and .On .Name}}{{and .On .Name}}{{end}}", "web")]
    [InlineData("{{or .Empty .Missing .Name}}", "web")]
    [InlineData("{{not .On}}", "false")]
    [InlineData("{{with .Config}}{{.Env}}{{end}}", "[A=1 B=2]")]
    [InlineData("{{with .Missing}}x{{else}}none{{end}}", "none")]
    [InlineData("{{with $x := .Name}}{{$x}}{{end}}", "web")]
    [InlineData("{{$x := 1}}{{if .On}}{{$x = 2}}{{end}}{{$x}}", "2")]
    [InlineData("{{$n := len .L}}{{$n}}", "3")]
    [InlineData("{{define \"row\"}}[{{.}}]{{end}}{{range .L}}{{template \"row\" .}}{{end}}", "[a][b][c]")]
    [InlineData("{{block \"b\" .Name}}<{{.}}>{{end}}", "<web>")]
    public void Control_structures(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{index .M \"k\"}}", "v")]
    [InlineData("{{index .M \"nope\"}}", "")]
    [InlineData("{{index .Mixed \"nope\"}}", "<no value>")]
    [InlineData("{{index .L 1}}", "b")]
    [InlineData("{{index .Config.Labels \"com.example\"}}", "yes")]
    [InlineData("{{index .Config.Cmd \"x\"}}", "")]
    [InlineData("{{(index .Items 1).Name}}", "two")]
    [InlineData("{{len .X}} {{len .L}} {{len .M}}", "3 3 3")]
    [InlineData("{{slice .X 1}} {{slice .X 1 2}} {{slice .L 1}}", "bc b [b c]")]
    [InlineData("{{print 1 2 \"a\" 3 \"b\"}}", "1 2a3b")]
    [InlineData("{{println .Name .Count}}", "web 3\n")]
    [InlineData("{{printf \"%-10s|\" .X}}", "abc       |")]
    [InlineData("{{printf \"%5s|%d|%v|%q|%t\" .X .Count .L .X .On}}", "  abc|3|[a b c]|\"abc\"|true")]
    [InlineData("{{printf \"%x %X %05d %+d %.2f %f %e %g\" 255 255 42 7 3.14159 1.5 1234.5678 0.0001}}", "ff FF 00042 +7 3.14 1.500000 1.234568e+03 0.0001")]
    [InlineData("{{printf \"%d\" .X}}", "%!d(string=abc)")]
    [InlineData("{{printf \"%s %s\" .X}}", "abc %!s(MISSING)")]
    [InlineData("{{printf \"%s\" .X 1}}", "abc%!(EXTRA int=1)")]
    [InlineData("{{printf \"%v %s\" .Missing .Nil}}", "<nil> %!s(<nil>)")]
    [InlineData("{{printf \"%q\" .L}}", "[\"a\" \"b\" \"c\"]")]
    [InlineData("{{printf \"%c%%\" 65}}", "A%")]
    [InlineData("{{.X | printf \"%s!\"}}", "abc!")]
    [InlineData("{{.Name | upper | printf \"%s-%s\" \"x\"}}", "x-WEB")]
    [InlineData("{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}} {{ne .X \"abc\"}} {{eq .Count 3}} {{eq .Ratio 1.5}}", "true true true false false true true")]
    [InlineData("{{html .Html}}", "&lt;a href=&#34;x&#34;&gt;&amp;&lt;/a&gt;")]
    [InlineData("{{js .Html}}", "\\u003Ca href\\u003D\\\"x\\\"\\u003E\\u0026\\u003C/a\\u003E")]
    [InlineData("{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9")]
    public void Go_builtins(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{join .L \",\"}}", "a,b,c")]
    [InlineData("{{join .Config.Env \" \"}}", "A=1 B=2")]
    [InlineData("{{split \"a:b:c\" \":\"}}", "[a b c]")]
    [InlineData("{{title \"hello wide-world foo_bar\"}}", "Hello Wide-World Foo_bar")]
    [InlineData("{{lower \"MiXeD\"}} {{upper \"MiXeD\"}}", "mixed MIXED")]
    [InlineData("{{pad .X 2 3}}|{{pad .Empty 2 3}}|", "  abc   ||")]
    [InlineData("{{truncate .ID 12}} {{truncate .X 10}}", "0123456789ab abc")]
    [InlineData("{{truncate (printf \"%s\" .ID) 3}}", "012")]
    public void Docker_functions(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("a  {{- .X -}}  b", "aabcb")]
    [InlineData("a\n\t{{- .X}}\n", "aabc\n")]
    [InlineData("{{.X -}}\n\n  z", "abcz")]
    [InlineData("a {{/* comment */}} b", "a  b")]
    [InlineData("a {{- /* comment */ -}} b", "ab")]
    [InlineData("{{\"quoted\\t\\\"\\x41\\u00e9\"}}", "quoted\t\"Aé")]
    [InlineData("{{`raw\\t`}}", "raw\\t")]
    [InlineData("{{'a'}} {{0x10}} {{1e3}} {{-2}} {{print nil}}", "97 16 1000 -2 <nil>")]
    [InlineData("{{(.Name)}} {{(index .Items 0).Port}}", "web 80")]
    [InlineData("{{.Name}}\n{{.X}}", "web\nabc")]
    public void Syntax(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Fact]
    public void Missing_data_prints_no_value() => Assert.Equal("<no value> <no value>", Run("{{.}} {{.X}}", json: null));

    [Fact]
    public void Registered_functions_are_callable()
    {
        var options = new TemplateOptions
        {
            Functions = new Dictionary<string, Func<object?[], object?>>
            {
                ["shout"] = args => ((string)args[0]!).ToUpperInvariant() + "!",
            },
        };
        Assert.Equal("WEB!", Run("{{shout .Name}}", options: options));
        Assert.Equal("WEB!", Run("{{.Name | shout}}", options: options));
    }

    [Fact]
    public void Clr_backed_json_values_print_like_parsed_ones()
    {
        var data = new JsonObject { ["A"] = 5, ["B"] = 1.5, ["C"] = "s", ["D"] = true };
        Assert.Equal("5 1.5 s true", GoTemplate.Parse("{{.A}} {{.B}} {{.C}} {{.D}}").Execute(data));
    }

    [Theory]
    [InlineData("{{with .Missing}}a{{else with .Name}}{{.}}{{end}}", "web")]
    [InlineData("{{range $i, $e := .Items}}{{if $i}}, {{end}}{{$e.Name}}{{end}}", "one, two")]
    [InlineData("{{range .L}}{{$x := .}}{{$x}}{{end}}", "abc")]
    public void More_control_flow(string template, string expected) => Assert.Equal(expected, Run(template));

    [Fact]
    public void Execute_accepts_a_json_element()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"A":{"B":[1,2]}}""");
        Assert.Equal("[1 2]", GoTemplate.Parse("{{.A.B}}").Execute(doc.RootElement));
    }
}
