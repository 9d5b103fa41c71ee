using System.Text;

namespace Berth.Templates;

public sealed partial class TabWriter
{
    // A formatted line goes to the output in one write: the output is often the console, which writes through on
    // every call, and a table of many rows would otherwise cost a system call per cell.
    private readonly StringBuilder _line = new();

    /// <summary>
    /// Go's format: finds each block of consecutive lines that have a cell in the current column, sizes the
    /// column to that block, and recurses for the columns to its right within the block.
    /// </summary>
    private int Format(int pos, int line0, int line1)
    {
        int column = _widths.Count;
        for (int current = line0; current < line1; current++)
        {
            if (column >= _lines[current].Count - 1)
            {
                continue;
            }
            pos = WriteLines(pos, line0, current);
            line0 = current;
            int width = _minWidth;
            for (; current < line1; current++)
            {
                var line = _lines[current];
                if (column >= line.Count - 1)
                {
                    break;
                }
                width = Math.Max(width, line[column].Width + _padding);
            }
            _widths.Add(width);
            pos = Format(pos, line0, current);
            _widths.RemoveAt(_widths.Count - 1);
            line0 = current;
        }
        return WriteLines(pos, line0, line1);
    }

    private int WriteLines(int pos, int line0, int line1)
    {
        for (int i = line0; i < line1; i++)
        {
            var line = _lines[i];
            for (int j = 0; j < line.Count; j++)
            {
                var c = line[j];
                if (c.Size > 0)
                {
                    _line.Append(_buf, pos, c.Size);
                    pos += c.Size;
                }
                if (j < _widths.Count)
                {
                    WritePadding(c.Width, _widths[j]);
                }
            }
            if (i + 1 == _lines.Count)
            {
                // The last buffered line has no newline yet: write the pending partial cell as is.
                _line.Append(_buf, pos, _cell.Size);
                pos += _cell.Size;
            }
            else
            {
                _line.Append('\n');
            }
            if (_line.Length > 0) _output.Write(_line);
            _line.Clear();
        }
        return pos;
    }

    private void WritePadding(int textWidth, int cellWidth)
    {
        if (_padChar == '\t')
        {
            if (_tabWidth == 0)
            {
                return;
            }
            cellWidth = (cellWidth + _tabWidth - 1) / _tabWidth * _tabWidth;
            int n = cellWidth - textWidth;
            _line.Append('\t', (n + _tabWidth - 1) / _tabWidth);
            return;
        }
        _line.Append(_padChar, cellWidth - textWidth);
    }
}
