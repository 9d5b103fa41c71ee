using System.Text;

namespace Berth.Templates;

/// <summary>
/// Go's text/tabwriter (as forked by docker/cli, which measures cells in terminal columns) without flags:
/// elastic tabstops where tab-terminated cells in consecutive lines form a column padded to its widest cell
/// plus <c>padding</c>, at least <c>minWidth</c>. The text after a line's last tab is not part of any column,
/// and a line with fewer cells ends the column blocks to its right. Output is buffered until a line with no
/// tab, a form feed, or <see cref="Flush"/>.
/// </summary>
public sealed partial class TabWriter : TextWriter
{
    private readonly TextWriter _output;
    private readonly int _minWidth;
    private readonly int _tabWidth;
    private readonly int _padding;
    private readonly char _padChar;
    private readonly StringBuilder _buf = new();
    private readonly List<List<Cell>> _lines = [];
    private readonly List<int> _widths = [];
    private int _pos;
    private Cell _cell;

    /// <summary>Go's tabwriter.NewWriter(output, minwidth, tabwidth, padding, padchar, 0).</summary>
    public TabWriter(TextWriter output, int minWidth, int tabWidth, int padding, char padChar)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(minWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(tabWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        _output = output;
        _minWidth = minWidth;
        _tabWidth = tabWidth;
        _padding = padding;
        _padChar = padChar;
        Reset();
    }

    /// <summary>The writer docker's table formatter uses: NewWriter(output, 10, 1, 3, ' ', 0).</summary>
    public static TabWriter ForDockerTable(TextWriter output) => new(output, 10, 1, 3, ' ');

    public override Encoding Encoding => _output.Encoding;

    public override void Write(char value) => Write([value]);

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> text)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch is not ('\t' or '\v' or '\n' or '\f'))
            {
                continue;
            }
            Append(text[n..i]);
            UpdateWidth();
            n = i + 1;
            int cells = TerminateCell(ch == '\t');
            if (ch is '\n' or '\f')
            {
                _lines.Add([]);
                // A line with a single cell cannot affect the alignment of later lines, so it is safe to flush.
                if (ch == '\f' || cells == 1)
                {
                    FlushBuffered();
                }
            }
        }
        Append(text[n..]);
    }

    /// <summary>Formats and writes everything buffered; call once after the last write.</summary>
    public override void Flush() => FlushBuffered();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            FlushBuffered();
        }
        base.Dispose(disposing);
    }

    private void Reset()
    {
        _buf.Clear();
        _pos = 0;
        _cell = default;
        _lines.Clear();
        _widths.Clear();
        _lines.Add([]);
    }

    private void Append(ReadOnlySpan<char> text)
    {
        _buf.Append(text);
        _cell.Size += text.Length;
    }

    private void UpdateWidth()
    {
        _cell.Width += DisplayWidth.Of(_buf.ToString(_pos, _buf.Length - _pos));
        _pos = _buf.Length;
    }

    private int TerminateCell(bool htab)
    {
        _cell.HTab = htab;
        var line = _lines[^1];
        line.Add(_cell);
        _cell = default;
        return line.Count;
    }

    private void FlushBuffered()
    {
        if (_cell.Size > 0)
        {
            TerminateCell(false);
        }
        Format(0, 0, _lines.Count);
        Reset();
    }

    private struct Cell
    {
        public int Size;
        public int Width;
        public bool HTab;
    }
}
