namespace Berth.CommandLine;

/// <summary>
/// The top of a command tree: the program name, global flags accepted before the subcommand
/// (<c>berth --root /x images</c>), groups, top-level commands and top-level aliases. Parsing follows pflag
/// and cobra as docker/cli configures them; every usage error is written to stderr and exits
/// <see cref="UsageErrorExitCode"/>. A definition holds no parse state, so one tree may be invoked many times.
/// </summary>
public sealed class CliRoot
{
    /// <summary>The exit code for every usage error (docker's <c>StatusError{StatusCode: 125}</c>).</summary>
    public const int UsageErrorExitCode = 125;

    /// <summary>Creates the root; <paramref name="usage"/> follows the name in the root's usage line.</summary>
    public CliRoot(string name, string description, string usage = "[OPTIONS] COMMAND [ARG...]")
    {
        Command = new CliCommand(name, description) { Usage = usage };
    }

    /// <summary>The program name, first word of every command path.</summary>
    public string Name => Command.Name;

    /// <summary>Flags accepted before the subcommand; listed under "Global Options:" in the root help.</summary>
    public CliOptionSet GlobalOptions => Command.Options;

    /// <summary>The terminal width help is wrapped to; docker uses 80 when stdin is not a terminal.</summary>
    public int HelpWidth { get; set; } = 80;

    /// <summary>A closing paragraph of the root help (docker's "For more help on how to use Docker, ...").</summary>
    public string? AdditionalHelp { get; set; }

    /// <summary>
    /// Maps an exception thrown by a handler to the text and exit code to report; returning null (or leaving
    /// this unset) lets the exception propagate out of <see cref="InvokeAsync"/>.
    /// </summary>
    public Func<Exception, CliFailure?>? ErrorMapper { get; set; }

    internal CliCommand Command { get; }

    // The --help flag cobra adds to every command; docker hides it from the flag lists.
    internal BoolOption HelpOption { get; } = new("help", 'h', "Print usage") { Hidden = true };

    /// <summary>Adds an empty group (<c>image</c>) and returns it for its subcommands to be added.</summary>
    public CliCommand AddGroup(string name, string description, CliSection section = CliSection.Management)
    {
        var group = new CliCommand(name, description);
        Command.AddEntry(name, group, section, isAlias: false);
        return group;
    }

    /// <summary>Adds a top-level command (<c>version</c>, <c>info</c>) and returns it.</summary>
    public CliCommand AddCommand(CliCommand command, CliSection section = CliSection.Commands)
    {
        ArgumentNullException.ThrowIfNull(command);
        Command.AddEntry(command.Name, command, section, isAlias: false);
        return command;
    }

    /// <summary>Makes <c>berth <paramref name="name"/></c> run <paramref name="target"/> (<c>images</c> = <c>image ls</c>).</summary>
    public void AddAlias(string name, CliCommand target, CliSection section = CliSection.Commands) =>
        Command.AddEntry(name, target, section, isAlias: true);

    /// <summary>Sets the code run when no subcommand is given (e.g. to handle <c>--version</c>); without it the root help is printed to stderr.</summary>
    public void SetHandler(Func<CliContext, CancellationToken, Task<int>> handler) => Command.SetHandler(handler);

    /// <summary>
    /// The word of <paramref name="args"/> that names the command, after the global flags, as an invocation finds
    /// it; null when there is none or the global flags do not parse (the invocation reports that). Lets a program
    /// build only the part of its tree a command line needs.
    /// </summary>
    public string? CommandName(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = 0;
        var parser = new FlagParser(Command.Options, HelpOption, new ParsedValues());
        return parser.Parse(args, ref index, positionals: null) is null && index < args.Count ? args[index] : null;
    }

    /// <summary>Parses <paramref name="args"/> (without the program name), runs the selected handler and returns the exit code.</summary>
    public Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return new Invocation(this, args, stdout, stderr).RunAsync(ct);
    }
}
