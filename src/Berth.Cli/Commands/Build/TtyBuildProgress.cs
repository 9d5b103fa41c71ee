using System.Diagnostics;
using System.Globalization;
using System.Text;
using Berth.Builder.Execution;

namespace Berth.Cli.Commands.Build;

/// <summary>
/// BuildKit's terminal view: <c>[+] Building 2.3s (7/7)</c>, then a line per vertex with its time,
/// <c>CACHED</c> or <c>ERROR</c>, and the last lines of a running step's output under it. Redrawn in place ten
/// times a second and once at the end, when it says FINISHED (or ERROR).
/// </summary>
internal sealed class TtyBuildProgress : IProgress<BuildEvent>, IDisposable
{
    private const int RunningTail = 6;
    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private readonly List<VertexView> _vertices = [];
    private readonly List<string> _warnings = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Timer _timer;
    private int _drawnLines;

    public TtyBuildProgress(TextWriter output)
    {
        _output = output;
        _timer = new Timer(_ => Draw(final: false), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    public BuildFailureLog Failures { get; } = new();

    public void Report(BuildEvent value)
    {
        Failures.Record(value);
        lock (_gate)
        {
            if (value.Kind == BuildEventKind.Warning)
            {
                _warnings.Add(value.Text ?? "");
                return;
            }
            var vertex = _vertices.Find(v => v.Id == value.Vertex);
            if (vertex is null) _vertices.Add(vertex = new VertexView(value.Vertex, value.Name));
            switch (value.Kind)
            {
                case BuildEventKind.Status:
                    vertex.Statuses.Add(value.Text ?? "");
                    break;
                case BuildEventKind.Log:
                    vertex.Tail.Enqueue(value.Text ?? "");
                    if (vertex.Tail.Count > RunningTail) vertex.Tail.Dequeue();
                    break;
                case BuildEventKind.Cached or BuildEventKind.Done or BuildEventKind.Failed:
                    vertex.End = value.Kind;
                    vertex.Elapsed = value.Duration ?? vertex.Watch.Elapsed;
                    break;
            }
        }
    }

    /// <summary>Draws the final view (FINISHED or ERROR) and the warnings.</summary>
    public void Complete(bool failed)
    {
        _timer.Dispose();
        Draw(final: true, failed);
        lock (_gate)
        {
            foreach (var warning in _warnings) _output.WriteLine(warning);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Draw(bool final, bool failed = false)
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            if (_drawnLines > 0) text.Append($"\x1b[{_drawnLines}A");
            var done = _vertices.Count(v => v.End is not null);
            var state = final ? failed ? " ERROR" : " FINISHED" : "";
            var lines = new List<string> { $"[+] Building {Seconds(_watch.Elapsed)}s ({done}/{_vertices.Count}){state}" };
            foreach (var vertex in _vertices)
            {
                var prefix = vertex.End switch
                {
                    BuildEventKind.Cached => "=> CACHED ",
                    BuildEventKind.Failed => "=> ERROR ",
                    _ => "=> ",
                };
                lines.Add($" {prefix}{vertex.Name}  {Seconds(vertex.End is null ? vertex.Watch.Elapsed : vertex.Elapsed)}s");
                foreach (var status in vertex.Statuses) lines.Add($" => => {status}");
                if (vertex.End is null) lines.AddRange(vertex.Tail.Select(l => " => => # " + l));
            }
            var width = Console.IsErrorRedirected ? 160 : Math.Max(40, SafeWidth());
            foreach (var line in lines) text.Append("\r\x1b[2K").Append(line.Length > width ? line[..width] : line).Append('\n');
            for (var extra = lines.Count; extra < _drawnLines; extra++) text.Append("\r\x1b[2K\n");
            _drawnLines = Math.Max(lines.Count, _drawnLines);
            _output.Write(text.ToString());
            _output.Flush();
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth - 1;
        }
        catch (IOException)
        {
            return 160;
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private sealed class VertexView(int id, string name)
    {
        public int Id { get; } = id;
        public string Name { get; } = name;
        public Stopwatch Watch { get; } = Stopwatch.StartNew();
        public List<string> Statuses { get; } = [];
        public Queue<string> Tail { get; } = new();
        public BuildEventKind? End { get; set; }
        public TimeSpan Elapsed { get; set; }
    }
}
