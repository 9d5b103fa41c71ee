using Berth.Engine.Models;

namespace Berth.Cli.Rendering;

/// <summary>
/// Docker's per-item progress display on a terminal: one line per item
/// (<c>abc123def456: Loading layer [=====>     ]  1.2MB/4MB</c>) redrawn in place with ANSI cursor moves.
/// Not on a terminal it prints nothing, as docker does for <c>load</c>.
/// </summary>
internal sealed class ProgressRenderer : IProgress<ProgressUpdate>
{
    private const int BarWidth = 50;
    private readonly TextWriter _output;
    private readonly bool _enabled;
    private readonly bool _plainLines;
    private readonly List<string> _lines = [];
    private readonly Dictionary<string, string> _lastAction = [];
    private readonly Lock _gate = new();

    /// <param name="plainLines">Off a terminal, print one line per change of an item's action (docker's pull
    /// and push do; its load prints nothing).</param>
    public ProgressRenderer(TextWriter output, bool isTerminal, bool plainLines = false)
    {
        _output = output;
        _enabled = isTerminal;
        _plainLines = plainLines;
    }

    public static ProgressRenderer ForStdout(TextWriter output, bool plainLines = false) => new(output, !Console.IsOutputRedirected, plainLines);

    public void Report(ProgressUpdate value)
    {
        if (!_enabled)
        {
            if (_plainLines) ReportPlain(value);
            return;
        }
        lock (_gate)
        {
            var index = _lines.IndexOf(value.Id);
            if (index < 0)
            {
                _lines.Add(value.Id);
                _output.Write(Line(value) + "\n");
            }
            else
            {
                var up = _lines.Count - index;
                _output.Write($"\x1b[{up}A\r\x1b[2K{Line(value)}\x1b[{up}B\r");
            }
            _output.Flush();
        }
    }

    private void ReportPlain(ProgressUpdate value)
    {
        lock (_gate)
        {
            if (_lastAction.TryGetValue(value.Id, out var last) && last == value.Action) return;
            _lastAction[value.Id] = value.Action;
            _output.WriteLine($"{value.Id}: {value.Action}");
        }
    }

    private static string Line(ProgressUpdate update)
    {
        if (update.Total is not { } total || total <= 0) return $"{update.Id}: {update.Action}";
        // docker's JSONProgress: "=" per 2%, an arrow, spaces to 50, then the sizes with the current one
        // right-aligned in 8 columns.
        var filled = (int)Math.Clamp(update.Current * BarWidth / total, 0, BarWidth);
        var bar = new string('=', filled) + ">" + new string(' ', BarWidth - filled);
        return $"{update.Id}: {update.Action} [{bar}] {HumanSize.Format(update.Current),8}/{HumanSize.Format(total)}";
    }
}
