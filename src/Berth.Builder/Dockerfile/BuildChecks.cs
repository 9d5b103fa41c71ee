namespace Berth.Builder.Dockerfile;

/// <summary>
/// The BuildKit build checks that need nothing but the parsed file (NoEmptyContinuation, StageNameCasing,
/// FromAsCasing, MaintainerDeprecated, ReservedStageName, DuplicateStageName, ConsistentInstructionCasing),
/// worded as <c>docker build</c> prints them: <c>Rule: message (line N)</c>. Rules named in
/// <c># check=skip=a,b</c> (or <c>skip=all</c>) are not reported. Checks that depend on the build (which stages
/// run, variables, the context) belong to the build itself.
/// </summary>
internal sealed class BuildChecks
{
    private readonly HashSet<string> _skipped = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _skipAll;

    public BuildChecks(string? check)
    {
        foreach (var part in (check ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0 || !part[..eq].Trim().Equals("skip", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var rule in part[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (rule.Equals("all", StringComparison.OrdinalIgnoreCase)) _skipAll = true;
                else _skipped.Add(rule);
            }
        }
    }

    public List<string> Warnings { get; } = [];

    public void Report(string rule, string message, int line)
    {
        if (_skipAll || _skipped.Contains(rule)) return;
        Warnings.Add($"{rule}: {message} (line {line})");
    }

    /// <summary>The keyword-level checks BuildKit runs while typing each instruction.</summary>
    public void CheckNode(SyntaxNode node)
    {
        var keyword = node.Command.ToLowerInvariant();
        if (keyword == "maintainer") Report("MaintainerDeprecated", "Maintainer instruction is deprecated in favor of using label", node.StartLine);
        if (keyword != "from") return;
        var args = node.Args;
        if (args.Count == 3 && args[2] != args[2].ToLowerInvariant())
            Report("StageNameCasing", $"Stage name '{args[2]}' should be lowercase", node.StartLine);
        if (args.Count >= 3)
        {
            var fromLower = node.Command == node.Command.ToLowerInvariant();
            var fromUpper = node.Command == node.Command.ToUpperInvariant();
            var matches = (!fromLower && !fromUpper)
                || (fromLower ? args[1] == args[1].ToLowerInvariant() : args[1] == args[1].ToUpperInvariant());
            if (!matches) Report("FromAsCasing", $"'{args[1]}' and '{node.Command}' keywords' casing do not match", node.StartLine);
        }
    }

    /// <summary>Stage-name and casing checks over all stages, as BuildKit runs them before building any.</summary>
    public void CheckStages(IReadOnlyList<BuildStage> stages)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (stage.Name is not { } name) continue;
            if (name is "context" or "scratch")
                Report("ReservedStageName", $"Stage name should not use the same name as reserved stage {GoText.Quote(name)}", stage.From.Line);
            if (!names.Add(name))
                Report("DuplicateStageName", $"Duplicate stage name {GoText.Quote(name)}, stage names should be unique", stage.From.Line);
        }

        var all = stages.SelectMany(s => s.Instructions.Prepend(s.From)).Select(i => (Keyword: Keyword(i), i.Line)).ToList();
        var lower = all.Count(i => i.Keyword == i.Keyword.ToLowerInvariant());
        var upper = all.Count(i => i.Keyword != i.Keyword.ToLowerInvariant() && i.Keyword == i.Keyword.ToUpperInvariant());
        var majorityLower = lower > upper;
        foreach (var (keyword, line) in all)
        {
            if (majorityLower && keyword != keyword.ToLowerInvariant())
                Report("ConsistentInstructionCasing", $"Command '{keyword}' should match the case of the command majority (lowercase)", line);
            else if (!majorityLower && keyword != keyword.ToUpperInvariant())
                Report("ConsistentInstructionCasing", $"Command '{keyword}' should match the case of the command majority (uppercase)", line);
        }
    }

    // The keyword as written starts the instruction's source text.
    private static string Keyword(Instruction instruction)
    {
        var text = instruction.Original;
        var end = 0;
        while (end < text.Length && !LineArguments.IsSeparator(text[end])) end++;
        return text[..end];
    }
}
