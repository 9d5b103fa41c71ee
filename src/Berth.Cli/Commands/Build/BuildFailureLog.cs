using Berth.Builder.Execution;

namespace Berth.Cli.Commands.Build;

/// <summary>
/// Keeps the last output lines of every vertex and the vertex that failed, so the error report can show what
/// BuildKit shows: the failing step, the tail of its output and the Dockerfile lines around its instruction.
/// </summary>
internal sealed class BuildFailureLog
{
    private const int TailLines = 6;
    private readonly Dictionary<int, Queue<string>> _tails = [];
    private readonly Lock _gate = new();

    public BuildEvent? Failure { get; private set; }

    public void Record(BuildEvent value)
    {
        lock (_gate)
        {
            if (value.Kind == BuildEventKind.Log)
            {
                if (!_tails.TryGetValue(value.Vertex, out var tail)) _tails[value.Vertex] = tail = new Queue<string>();
                tail.Enqueue(value.Text ?? "");
                if (tail.Count > TailLines) tail.Dequeue();
            }
            else if (value.Kind == BuildEventKind.Failed && Failure is null)
            {
                Failure = value;
            }
        }
    }

    public IReadOnlyList<string> TailOf(int vertex)
    {
        lock (_gate) return _tails.TryGetValue(vertex, out var tail) ? [.. tail] : [];
    }

    /// <summary>BuildKit's report: the failed step with its output tail, then the Dockerfile excerpt.</summary>
    public void WriteReport(TextWriter output, string? dockerfileName, string? dockerfileText)
    {
        if (Failure is not { } failure) return;
        output.WriteLine("------");
        output.WriteLine($" > {failure.Name}:");
        foreach (var line in TailOf(failure.Vertex)) output.WriteLine(line);
        output.WriteLine("------");
        if (dockerfileText is null || failure.Line is not { } first) return;
        var lines = dockerfileText.Split('\n');
        var last = Math.Min(failure.EndLine ?? first, lines.Length);
        output.WriteLine($"{dockerfileName ?? "Dockerfile"}:{(last > first ? $"{first}-{last}" : first.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        output.WriteLine("--------------------");
        for (var n = Math.Max(1, first - 2); n <= Math.Min(lines.Length, last + 2); n++)
        {
            var marker = n >= first && n <= last ? ">>>" : "   ";
            output.WriteLine($"{n,4} | {marker} {lines[n - 1].TrimEnd('\r')}");
        }
        output.WriteLine("--------------------");
    }
}
