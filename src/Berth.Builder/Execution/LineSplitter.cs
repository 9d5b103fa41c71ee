using System.Text;

namespace Berth.Builder.Execution;

/// <summary>Turns a RUN's output chunks into lines for progress, per stream, holding a partial line until its end.</summary>
internal sealed class LineSplitter(Action<string, bool> line)
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    public void Write(ReadOnlyMemory<byte> chunk, bool stderr)
    {
        lock (_gate)
        {
            var buffer = stderr ? _stderr : _stdout;
            buffer.Append(Encoding.UTF8.GetString(chunk.Span));
            var text = buffer.ToString();
            var start = 0;
            for (var newline = text.IndexOf('\n'); newline >= 0; newline = text.IndexOf('\n', start))
            {
                line(text[start..newline].TrimEnd('\r'), stderr);
                start = newline + 1;
            }
            buffer.Clear().Append(text, start, text.Length - start);
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (_stdout.Length > 0) line(_stdout.ToString(), false);
            if (_stderr.Length > 0) line(_stderr.ToString(), true);
            _stdout.Clear();
            _stderr.Clear();
        }
    }
}
