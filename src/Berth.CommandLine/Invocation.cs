namespace Berth.CommandLine;

/// <summary>
/// One run of a command line through the tree, the way docker/cli drives cobra: each group level (the root
/// first) parses its own flags up to the first positional, which names the next command; the leaf then parses
/// its flags, interspersed or not, handles <c>--help</c>, checks the argument count and runs its handler.
/// </summary>
internal sealed class Invocation(CliRoot root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
{
    private readonly ParsedValues _values = new();
    private readonly List<string> _path = [root.Name];

    private string PathText => string.Join(' ', _path);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        CliCommand command = root.Command;
        int index = 0;
        while (ReferenceEquals(command, root.Command) || command.HasSubcommands)
        {
            var parser = new FlagParser(command.Options, root.HelpOption, _values);
            if (parser.Parse(args, ref index, positionals: null) is { } flagError)
            {
                return FlagError(command, flagError);
            }

            if (index == args.Count)
            {
                if (HelpRequested)
                {
                    return WriteHelp(command, stdout);
                }

                return command.Handler is null ? WriteHelp(command, stderr) : await RunHandlerAsync(command, [], ct);
            }

            if (command.FindEntry(args[index]) is not { } entry)
            {
                return UnknownCommand(command, parser, index);
            }

            _path.Add(entry.Name);
            command = entry.Target;
            index++;
        }

        return await RunLeafAsync(command, index, ct);
    }

    private bool HelpRequested => _values.Get(root.HelpOption);

    private async Task<int> RunLeafAsync(CliCommand command, int index, CancellationToken ct)
    {
        var positionals = new List<string>();
        var parser = new FlagParser(command.Options, root.HelpOption, _values);
        string? flagError = parser.Parse(args, ref index, command.Interspersed ? positionals : null);
        if (flagError is not null)
        {
            return FlagError(command, flagError);
        }

        for (; index < args.Count; index++)
        {
            positionals.Add(args[index]);
        }

        if (HelpRequested)
        {
            return WriteHelp(command, stdout);
        }

        if (command.Args.Check(positionals.Count, root.Name, PathText, UseLine(command)) is { } argError)
        {
            return Fail(argError);
        }

        return command.Handler is null ? WriteHelp(command, stderr) : await RunHandlerAsync(command, positionals, ct);
    }

    // cobra hands an unmatched word back to the group, which parses the rest of the line as its own flags:
    // so `berth foo --help` prints the root help and `berth foo --bad` reports the bad flag.
    private int UnknownCommand(CliCommand command, FlagParser parser, int index)
    {
        string name = args[index];
        index++;
        if (parser.Parse(args, ref index, positionals: []) is { } flagError)
        {
            return FlagError(command, flagError);
        }

        if (HelpRequested)
        {
            return WriteHelp(command, stdout);
        }

        string path = PathText;
        return Fail(ReferenceEquals(command, root.Command)
            ? $"{root.Name}: unknown command: {path} {name}\n\nRun '{path} --help' for more information"
            : $"{root.Name}: unknown command: {path} {name}\n\nUsage:  {UseLine(command)}\n\nRun '{path} --help' for more information");
    }

    private async Task<int> RunHandlerAsync(CliCommand command, IReadOnlyList<string> positionals, CancellationToken ct)
    {
        var context = new CliContext(root, command, PathText, UseLine(command), positionals, _values, stdout, stderr);
        try
        {
            return await command.Handler!(context, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (root.ErrorMapper?.Invoke(ex) is not { } failure)
            {
                throw;
            }

            if (failure.Message.Length > 0)
            {
                stderr.Write(failure.Message + "\n");
            }

            return failure.ExitCode;
        }
    }

    private int FlagError(CliCommand command, string error) =>
        Fail(CliContext.FormatUsageError(error, UseLine(command), PathText));

    private int Fail(string message)
    {
        stderr.Write(message + "\n");
        return CliRoot.UsageErrorExitCode;
    }

    private int WriteHelp(CliCommand command, TextWriter writer)
    {
        writer.Write(HelpWriter.Render(root, command, PathText, UseLine(command)));
        return 0;
    }

    // cobra's UseLine: the invoked path, then the command's usage text; the root's usage replaces its path.
    private string UseLine(CliCommand command) =>
        ReferenceEquals(command, root.Command) ? root.Name + " " + command.Usage
        : command.Usage.Length == 0 ? PathText
        : PathText + " " + command.Usage;
}
