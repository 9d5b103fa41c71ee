namespace Berth.CommandLine;

/// <summary>
/// What an error mapper makes of an exception: the text written to stderr (followed by a newline; nothing is
/// written when it is empty) and the process exit code.
/// </summary>
public readonly record struct CliFailure(string Message, int ExitCode);
