using FsCheck;
using FsCheck.Xunit;

namespace Berth.Templates.Tests;

public sealed class TabWriterTests
{
    private static string Tab(string input, int minWidth = 10, int tabWidth = 1, int padding = 3, char padChar = ' ')
    {
        var output = new StringWriter();
        var writer = new TabWriter(output, minWidth, tabWidth, padding, padChar);
        writer.Write(input);
        writer.Flush();
        return output.ToString();
    }

    [Theory]
    [InlineData("CONTAINER ID\tIMAGE\tNAMES\n0123456789ab\tnginx:latest\tweb\n",
        "CONTAINER ID   IMAGE          NAMES\n0123456789ab   nginx:latest   web\n")]
    [InlineData("a\tb\nccc\td\n", "a         b\nccc       d\n")]
    [InlineData("日本\tx\nab\ty\n", "日本      x\nab        y\n")]
    [InlineData("no tabs\n", "no tabs\n")]
    [InlineData("a\tb", "a         b")]
    [InlineData("a\t\tc\nbb\tx\ty\n", "a                   c\nbb        x         y\n")]
    public void Docker_table_parameters(string input, string expected) =>
        Assert.Equal(expected, Tab(input));

    [Fact]
    public void A_line_with_one_cell_flushes_and_restarts_the_columns() =>
        Assert.Equal("aaaa.bbb.d\naa...b...dd\na\naa.cccc.eee\n",
            Tab("aaaa\tbbb\td\naa\tb\tdd\na\naa\tcccc\teee\n", minWidth: 0, padding: 1, padChar: '.'));

    [Fact]
    public void A_column_block_ends_at_a_line_without_that_column() =>
        Assert.Equal("aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n",
            Tab("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n", minWidth: 0, padding: 1, padChar: '.'));

    [Fact]
    public void Tab_padding_rounds_cells_to_tab_stops() =>
        Assert.Equal("a\t\tb\nabcdefghi\tc\n", Tab("a\tb\nabcdefghi\tc\n", minWidth: 0, tabWidth: 8, padding: 1, padChar: '\t'));

    [Fact]
    public void Writes_split_across_calls_are_joined()
    {
        var output = new StringWriter();
        var writer = TabWriter.ForDockerTable(output);
        writer.Write("NA");
        writer.Write("ME\tID\nx");
        writer.Write('\t');
        writer.Write("1\n");
        writer.Flush();
        Assert.Equal("NAME      ID\nx         1\n", output.ToString());
    }

    [Property]
    public bool Text_without_tabs_passes_through(NonNull<string> input)
    {
        string text = input.Get.Replace("\t", "", StringComparison.Ordinal)
            .Replace("\v", "", StringComparison.Ordinal).Replace("\f", "", StringComparison.Ordinal);
        return Tab(text) == text;
    }

    [Fact]
    public void Each_formatted_line_reaches_the_output_in_one_write()
    {
        var output = new CountingWriter();
        var writer = new TabWriter(output, 10, 1, 3, ' ');
        writer.Write("CONTAINER ID\tIMAGE\tSTATUS\tNAMES\n");
        for (var i = 0; i < 20; i++) writer.Write($"{i:x12}\tbusybox\tUp {i} minutes\tname{i}\n");
        writer.Flush();

        Assert.Equal(21, output.Writes);
        Assert.Equal(21, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private sealed class CountingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void Write(char value) { Writes++; base.Write(value); }

        public override void Write(string? value) { Writes++; base.Write(value); }

        public override void Write(System.Text.StringBuilder? value) { Writes++; base.Write(value?.ToString()); }

        public override void Write(char[] buffer, int index, int count) { Writes++; base.Write(buffer, index, count); }
    }
}
