using Berth.CommandLine;
using Berth.Oci;
using Berth.Templates;

namespace Berth.Cli;

/// <summary>
/// The one place errors become exit codes. Docker's CLI exits 1 for every failure the engine reports and 125
/// for its own usage errors (the command-line layer handles those); Berth does the same.
/// </summary>
internal static class ErrorMapping
{
    public const int Failure = 1;

    public static CliFailure? Map(Exception exception, bool debug) => exception switch
    {
        BerthException e => new CliFailure("Error: " + e.Message, e.ExitCode ?? ExitCodeOf(e.Kind)),
        TemplateException e => new CliFailure("template parsing error: " + e.Message, Failure),
        OperationCanceledException => new CliFailure("Error: operation canceled", 130),
        UnauthorizedAccessException e => new CliFailure($"Error: permission denied: {e.Message}", Failure),
        IOException e => new CliFailure("Error: " + e.Message, Failure),
        _ => new CliFailure(debug ? $"Error: internal error: {exception}" : $"Error: internal error: {exception.Message}", Failure),
    };

    public static int ExitCodeOf(ErrorKind kind) => kind switch
    {
        _ => Failure,
    };
}
