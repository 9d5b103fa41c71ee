using System.Diagnostics;

namespace Berth.Builder.Execution;

/// <summary>One vertex in progress: reports its log lines and how it ended.</summary>
internal sealed class VertexScope(int id, string name, IProgress<BuildEvent> progress, Stopwatch watch)
{
    /// <summary>The instruction's lines, which a failure report quotes from the Dockerfile.</summary>
    public (int Line, int EndLine)? Lines { get; init; }

    public int Id => id;
    public string Name => name;

    public void Status(string text) => progress.Report(new BuildEvent(id, name, BuildEventKind.Status, text));

    public void Log(string text, bool stderr) => progress.Report(new BuildEvent(id, name, BuildEventKind.Log, text, watch.Elapsed) { Stderr = stderr });

    public void Cached() => progress.Report(new BuildEvent(id, name, BuildEventKind.Cached, null, watch.Elapsed));

    public void Done() => progress.Report(new BuildEvent(id, name, BuildEventKind.Done, null, watch.Elapsed));

    public void Failed(string message) =>
        progress.Report(new BuildEvent(id, name, BuildEventKind.Failed, message, watch.Elapsed) { Line = Lines?.Line, EndLine = Lines?.EndLine });
}
