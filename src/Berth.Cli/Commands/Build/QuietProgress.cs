using Berth.Builder.Execution;

namespace Berth.Cli.Commands.Build;

/// <summary><c>-q</c>: shows nothing while building, but remembers enough to report a failure.</summary>
internal sealed class QuietProgress(BuildFailureLog failures) : IProgress<BuildEvent>
{
    public void Report(BuildEvent value) => failures.Record(value);
}
