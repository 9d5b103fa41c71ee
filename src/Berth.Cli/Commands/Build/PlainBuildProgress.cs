using System.Globalization;
using Berth.Builder.Execution;

namespace Berth.Cli.Commands.Build;

/// <summary>
/// BuildKit's plain progress (<c>--progress=plain</c>, and whenever stderr is not a terminal): each vertex as
/// <c>#N name</c>, its output lines prefixed with the seconds since it started, then <c>#N DONE 0.3s</c>,
/// <c>#N CACHED</c> or <c>#N ERROR: …</c>, a blank line between vertices.
/// </summary>
internal sealed class PlainBuildProgress(TextWriter output) : IProgress<BuildEvent>
{
    private readonly Lock _gate = new();
    private readonly BuildFailureLog _failures = new();

    public BuildFailureLog Failures => _failures;

    public void Report(BuildEvent value)
    {
        _failures.Record(value);
        lock (_gate)
        {
            switch (value.Kind)
            {
                case BuildEventKind.Started:
                    output.WriteLine($"#{value.Vertex} {value.Name}");
                    break;
                case BuildEventKind.Status:
                    output.WriteLine($"#{value.Vertex} {value.Text}");
                    break;
                case BuildEventKind.Log:
                    output.WriteLine($"#{value.Vertex} {Seconds(value.Duration)} {value.Text}");
                    break;
                case BuildEventKind.Cached:
                    output.WriteLine($"#{value.Vertex} CACHED");
                    output.WriteLine();
                    break;
                case BuildEventKind.Done:
                    output.WriteLine($"#{value.Vertex} DONE {Seconds(value.Duration, 1)}s");
                    output.WriteLine();
                    break;
                case BuildEventKind.Failed:
                    output.WriteLine($"#{value.Vertex} ERROR: {value.Text}");
                    output.WriteLine();
                    break;
                case BuildEventKind.Warning:
                    output.WriteLine(value.Text);
                    break;
            }
            output.Flush();
        }
    }

    private static string Seconds(TimeSpan? duration, int decimals = 3) =>
        (duration ?? TimeSpan.Zero).TotalSeconds.ToString(decimals == 1 ? "0.0" : "0.000", CultureInfo.InvariantCulture);
}
