namespace Berth.CommandLine;

/// <summary>
/// What a handler sees of one invocation: the typed flag values (its own, its groups' and the global ones),
/// the positional arguments, the output writers and how the command was called.
/// </summary>
public sealed class CliContext
{
    private readonly CliRoot _root;
    private readonly ParsedValues _values;

    internal CliContext(
        CliRoot root,
        CliCommand command,
        string commandPath,
        string useLine,
        IReadOnlyList<string> arguments,
        ParsedValues values,
        TextWriter @out,
        TextWriter err)
    {
        _root = root;
        _values = values;
        Command = command;
        CommandPath = commandPath;
        UseLine = useLine;
        Arguments = arguments;
        Out = @out;
        Err = err;
    }

    /// <summary>The command being run.</summary>
    public CliCommand Command { get; }

    /// <summary>The path as invoked: <c>berth images</c> or <c>berth image ls</c>.</summary>
    public string CommandPath { get; }

    /// <summary>The name the command was called by (<c>images</c>, <c>ls</c>); cobra's <c>CalledAs</c> for aliases is the alias.</summary>
    public string CalledAs => CommandPath[(CommandPath.LastIndexOf(' ') + 1)..];

    /// <summary>The usage line as printed after "Usage:  ", e.g. <c>berth images [OPTIONS] [REPOSITORY[:TAG]]</c>.</summary>
    public string UseLine { get; }

    /// <summary>The positional arguments, flags removed.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Err { get; }

    /// <summary>The flag's value, or its default when it was not given.</summary>
    public T Get<T>(CliOption<T> option) => _values.Get(option);

    /// <summary>Whether the flag was given on the command line (pflag's <c>Changed</c>).</summary>
    public bool IsSet(CliOption option) => _values.IsSet(option);

    /// <summary>
    /// Reports a usage error the way docker reports a flag error (message, usage line, pointer to
    /// <c>--help</c>) on stderr and returns 125, e.g. for conflicting options.
    /// </summary>
    public int UsageError(string message)
    {
        Err.Write(FormatUsageError(message, UseLine, CommandPath) + "\n");
        return CliRoot.UsageErrorExitCode;
    }

    /// <summary>Writes this command's help to <paramref name="writer"/>.</summary>
    public void WriteHelp(TextWriter writer) => writer.Write(HelpWriter.Render(_root, Command, CommandPath, UseLine));

    // docker/cli's FlagErrorFunc.
    internal static string FormatUsageError(string message, string useLine, string commandPath) =>
        $"{message}\n\nUsage:  {useLine}\n\nRun '{commandPath} --help' for more information";
}
