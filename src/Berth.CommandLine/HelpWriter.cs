using System.Text;

namespace Berth.CommandLine;

/// <summary>
/// Renders help with docker/cli's usage template (cli/cobra.go, docker 28+): the usage line, description,
/// aliases, examples, options, the command sections (Common, Management, Commands; the first only on the
/// root) and, on the root, "Global Options:" and the additional-help paragraph. Flags are wrapped to one
/// column less than the terminal width, as docker does.
/// </summary>
internal static class HelpWriter
{
    private const int MinNamePadding = 11;

    public static string Render(CliRoot root, CliCommand command, string commandPath, string useLine)
    {
        bool isRoot = ReferenceEquals(command, root.Command);
        bool hasOptions = command.Options.Any(o => !o.Hidden);
        var sb = new StringBuilder("Usage:  ");
        sb.Append(command.HasSubcommands ? commandPath + (hasOptions ? " [OPTIONS]" : "") + " COMMAND" : useLine);
        sb.Append("\n\n").Append((command.LongDescription ?? command.Description).Trim());

        if (command.Aliases.Count > 0 || command.TopLevelAliases.Count > 0)
        {
            sb.Append("\n\nAliases:\n  ").Append(AliasLine(root, command));
        }

        if (!string.IsNullOrEmpty(command.Example))
        {
            sb.Append("\n\nExamples:\n").Append(command.Example);
        }

        string flags = hasOptions ? FlagUsages.Render(command.Options, root.HelpWidth - 1).TrimEnd() : "";
        if (!isRoot && hasOptions)
        {
            sb.Append("\n\nOptions:\n").Append(flags);
        }

        int padding = Math.Max(MinNamePadding, command.Entries.Select(e => e.Name.Length).DefaultIfEmpty(0).Max());
        var visible = command.Entries.Where(e => !e.Target.Hidden).ToList();
        var sorted = visible.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        if (isRoot)
        {
            AppendSection(sb, "Common Commands:", visible.Where(e => e.Section == CliSection.Common), padding);
            AppendSection(sb, "Management Commands:", sorted.Where(e => e.Section == CliSection.Management), padding);
            AppendSection(sb, "Commands:", sorted.Where(e => e.Section == CliSection.Commands), padding);
        }
        else
        {
            AppendSection(sb, "Management Commands:", sorted.Where(e => e.Target.HasSubcommands), padding);
            AppendSection(sb, "Commands:", sorted.Where(e => !e.Target.HasSubcommands), padding);
        }

        if (isRoot && hasOptions)
        {
            sb.Append("\n\nGlobal Options:\n").Append(flags);
        }

        if (command.HasSubcommands)
        {
            sb.Append("\n\nRun '").Append(commandPath).Append(" COMMAND --help' for more information on a command.");
        }

        if (isRoot && !string.IsNullOrEmpty(root.AdditionalHelp))
        {
            sb.Append("\n\n").Append(root.AdditionalHelp);
        }

        return sb.Append('\n').ToString();
    }

    // docker's commandAliases: the canonical path, then each alias under the same parent, then top-level aliases.
    private static string AliasLine(CliRoot root, CliCommand command)
    {
        string parentPath = command.Parent is null ? "" : command.Parent.CanonicalPath + " ";
        IEnumerable<string> names =
        [
            command.CanonicalPath,
            .. command.Aliases.Select(a => parentPath + a),
            .. command.TopLevelAliases.Select(a => root.Name + " " + a),
        ];
        return string.Join(", ", names);
    }

    private static void AppendSection(StringBuilder sb, string title, IEnumerable<CliEntry> entries, int padding)
    {
        bool first = true;
        foreach (CliEntry entry in entries)
        {
            if (first)
            {
                sb.Append("\n\n").Append(title);
                first = false;
            }

            sb.Append("\n  ").Append(entry.Name.PadRight(padding)).Append(' ').Append(entry.Target.Description);
        }
    }
}
