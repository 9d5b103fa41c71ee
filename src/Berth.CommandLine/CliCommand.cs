namespace Berth.CommandLine;

/// <summary>
/// A command in the tree (cobra's <c>Command</c>). A command with subcommands is a group (<c>image</c>): it
/// selects a subcommand by its first positional and, called alone, prints its help to stderr and exits 0 as
/// docker does. A command without subcommands is a leaf whose handler receives the parsed
/// <see cref="CliContext"/> and returns the exit code.
/// </summary>
public sealed class CliCommand
{
    private readonly List<CliEntry> _entries = [];
    private readonly List<string> _topLevelAliases = [];

    /// <summary>Creates a command named <paramref name="name"/> with a one-line description.</summary>
    public CliCommand(string name, string description)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('-') || name.Contains(' '))
        {
            throw new ArgumentException($"invalid command name '{name}'", nameof(name));
        }

        Name = name;
        Description = description;
    }

    /// <summary>The name under its parent.</summary>
    public string Name { get; }

    /// <summary>The one-line description (cobra's <c>Short</c>), shown in command lists and help.</summary>
    public string Description { get; }

    /// <summary>A longer text shown in this command's help instead of <see cref="Description"/> (cobra's <c>Long</c>).</summary>
    public string? LongDescription { get; init; }

    /// <summary>What follows the command path in the usage line, e.g. <c>[OPTIONS] [REPOSITORY[:TAG]]</c>.</summary>
    public string Usage { get; init; } = "";

    /// <summary>The positional-argument rule; <see cref="ArgRule.Any"/> by default.</summary>
    public ArgRule Args { get; init; } = ArgRule.Any;

    /// <summary>
    /// Whether flags may follow positionals (<c>berth images -a busybox -q</c>). <c>run</c> and <c>exec</c> set
    /// it false: flags end at the first positional and the rest belongs to the container command.
    /// </summary>
    public bool Interspersed { get; init; } = true;

    /// <summary>Hidden commands run as usual but are not listed in help.</summary>
    public bool Hidden { get; init; }

    /// <summary>Text shown under "Examples:" in help.</summary>
    public string? Example { get; init; }

    /// <summary>Other names under the same parent (<c>list</c> for <c>image ls</c>).</summary>
    public IList<string> Aliases { get; } = new List<string>();

    /// <summary>This command's own flags; the root's are the global flags.</summary>
    public CliOptionSet Options { get; } = new();

    /// <summary>The parent this command was added to, or null for the root and for commands not yet added.</summary>
    public CliCommand? Parent { get; private set; }

    /// <summary>The subcommands in the order added.</summary>
    public IReadOnlyList<CliCommand> Subcommands => [.. _entries.Where(e => !e.IsAlias).Select(e => e.Target)];

    /// <summary>Whether this command is a group.</summary>
    public bool HasSubcommands => _entries.Count > 0;

    internal Func<CliContext, CancellationToken, Task<int>>? Handler { get; private set; }

    internal IReadOnlyList<CliEntry> Entries => _entries;

    internal IReadOnlyList<string> TopLevelAliases => _topLevelAliases;

    /// <summary>Adds <paramref name="command"/> as a subcommand and returns it.</summary>
    public CliCommand Add(CliCommand command)
    {
        AddEntry(command.Name, command, command.HasSubcommands ? CliSection.Management : CliSection.Commands, isAlias: false);
        return command;
    }

    /// <summary>Sets the code run for this command; it returns the exit code.</summary>
    public void SetHandler(Func<CliContext, CancellationToken, Task<int>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handler = handler;
    }

    internal void AddEntry(string name, CliCommand target, CliSection section, bool isAlias)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!isAlias && target.Parent is not null)
        {
            throw new InvalidOperationException($"command '{target.Name}' already belongs to '{target.Parent.Name}'");
        }

        foreach (string n in (IEnumerable<string>)[name, .. isAlias ? [] : target.Aliases])
        {
            if (FindEntry(n) is not null)
            {
                throw new InvalidOperationException($"command name '{n}' is already used under '{Name}'");
            }
        }

        if (isAlias)
        {
            target._topLevelAliases.Add(name);
        }
        else
        {
            target.Parent = this;
        }

        _entries.Add(new CliEntry(name, target, section, isAlias));
    }

    internal CliEntry? FindEntry(string name) => _entries.Find(e => e.Matches(name));

    /// <summary>The path by the canonical names: <c>berth image ls</c>.</summary>
    internal string CanonicalPath => Parent is null ? Name : Parent.CanonicalPath + " " + Name;
}
