namespace Berth.CommandLine;

/// <summary>
/// One name under a parent: a subcommand under its own name, or (on the root only) a top-level alias such as
/// <c>images</c> for <c>image ls</c>. The entry name is what the invoked command path shows.
/// </summary>
internal sealed record CliEntry(string Name, CliCommand Target, CliSection Section, bool IsAlias)
{
    public bool Matches(string name) => Name == name || (!IsAlias && Target.Aliases.Contains(name));
}
