using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;

namespace Berth.Templates.Tests;

public sealed class FormatSpecTests
{
    private static readonly JsonNode?[] Rows =
    [
        JsonNode.Parse("""{"ID":"abc","Name":"web","Ports":["80/tcp"]}"""),
        JsonNode.Parse("""{"ID":"0123456789ab","Name":"db","Ports":[]}"""),
    ];

    private static readonly JsonNode Headers = JsonNode.Parse("""{"ID":"CONTAINER ID","Name":"NAMES","Ports":"PORTS"}""")!;

    [Fact]
    public void Table_renders_header_and_aligned_rows()
    {
        var spec = FormatSpec.Parse("table {{.ID}}\\t{{.Name}}");
        Assert.True(spec.IsTable);
        Assert.Equal("CONTAINER ID   NAMES\nabc            web\n0123456789ab   db\n", spec.Render(Rows, Headers));
    }

    [Fact]
    public void Table_header_uses_docker_header_functions()
    {
        var spec = FormatSpec.Parse("table {{upper .Name}}\t{{json .ID}}\t{{join .Ports \",\"}}");
        Assert.Equal("NAMES     CONTAINER ID     PORTS\nWEB       \"abc\"            80/tcp\nDB        \"0123456789ab\"   \n",
            spec.Render(Rows, Headers));
    }

    [Fact]
    public void Table_prefix_without_space_still_counts_as_table()
    {
        var spec = FormatSpec.Parse("table{{.Name}}");
        Assert.True(spec.IsTable);
        Assert.Equal("NAMES\nweb\ndb\n", spec.Render(Rows, Headers));
    }

    [Fact]
    public void Json_prints_one_compact_object_per_row()
    {
        var spec = FormatSpec.Parse("json");
        Assert.True(spec.IsJson);
        Assert.Equal("{\"ID\":\"abc\",\"Name\":\"web\",\"Ports\":[\"80/tcp\"]}\n{\"ID\":\"0123456789ab\",\"Name\":\"db\",\"Ports\":[]}\n",
            spec.Render(Rows));
    }

    [Fact]
    public void Custom_template_prints_once_per_row_with_escapes_replaced()
    {
        var spec = FormatSpec.Parse("  {{.Name}}\\t{{.ID}}  ");
        Assert.False(spec.IsTable);
        Assert.Equal("web\tabc\n" + "db\t0123456789ab\n", spec.Render(Rows));
    }

    [Fact]
    public void A_failing_row_writes_nothing()
    {
        var spec = FormatSpec.Parse("{{.Name.X}}");
        var output = new StringWriter();
        Assert.Throws<TemplateException>(() => spec.Write(output, Rows));
        Assert.Equal("", output.ToString());
    }

    [Property]
    public bool Text_without_actions_is_printed_unchanged(NonNull<string> input)
    {
        string text = input.Get;
        return text.Contains("{{", StringComparison.Ordinal) || GoTemplate.Parse(text).Execute(null) == text;
    }
}
