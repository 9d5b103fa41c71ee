using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// The Dockerfile front end of a build, as BuildKit's dockerfile frontend parses: first the whole file into
/// instruction nodes (directives, continuations, heredocs; errors carry no line prefix), then each node into a
/// typed instruction (errors read <c>dockerfile parse error on line N: ...</c>), then stages.
/// </summary>
public static class DockerfileParser
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="BerthException"/> (invalid argument) with BuildKit's message.</summary>
    public static DockerfileDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw BerthException.Invalid("the Dockerfile cannot be empty");
        var tree = SyntaxTree.Parse(text);
        var checks = new BuildChecks(tree.Directives.Check);
        foreach (var line in tree.EmptyContinuationLines) checks.Report("NoEmptyContinuation", "Empty continuation line", line);
        var metaArgs = new List<ArgInstruction>();
        var stages = new List<(FromInstruction From, List<Instruction> Instructions)>();
        foreach (var node in tree.Nodes)
        {
            Instruction instruction;
            checks.CheckNode(node);
            try
            {
                instruction = InstructionFactory.Create(node);
            }
            catch (BerthException e)
            {
                throw BerthException.Invalid($"dockerfile parse error on line {node.StartLine}: {e.Message}");
            }
            if (stages.Count == 0 && instruction is ArgInstruction arg)
            {
                metaArgs.Add(arg);
                continue;
            }
            if (instruction is FromInstruction from)
            {
                stages.Add((from, []));
                continue;
            }
            if (stages.Count == 0) throw BerthException.Invalid("no build stage in current context");
            stages[^1].Instructions.Add(instruction);
        }
        if (stages.Count == 0) throw BerthException.Invalid("dockerfile contains no stages to build");

        var built = stages.Select((s, i) => new BuildStage { Index = i, Name = s.From.StageName, From = s.From, Instructions = s.Instructions }).ToList();
        checks.CheckStages(built);
        return new DockerfileDocument
        {
            Directives = tree.Directives,
            MetaArgs = metaArgs,
            Stages = built,
            Warnings = checks.Warnings,
        };
    }
}
