using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Planning;

/// <summary>
/// The stages of a Dockerfile as a graph: each stage's base and the stages it reads, the target, and the
/// stages the target needs — the only ones a build runs (BuildKit skips the rest). References by name are
/// case-insensitive; a number in <c>--from</c> is a stage index; anything else is an image (or a named
/// context). A cycle is an error, as is a target no stage has.
/// </summary>
public sealed class StageGraph
{
    private StageGraph(IReadOnlyList<PlannedStage> stages, PlannedStage target, IReadOnlyList<PlannedStage> needed)
    {
        Stages = stages;
        Target = target;
        Needed = needed;
    }

    public IReadOnlyList<PlannedStage> Stages { get; }
    public PlannedStage Target { get; }
    /// <summary>The stages the target needs, each after the ones it reads.</summary>
    public IReadOnlyList<PlannedStage> Needed { get; }

    public static StageGraph Plan(DockerfileDocument document, string? target, IReadOnlyDictionary<string, string> globalArgs,
        IReadOnlySet<string> namedContexts, ISet<string> usedArgs)
    {
        if (document.Stages.Count == 0) throw BerthException.Invalid("dockerfile contains no stages to build");
        var escape = document.Directives.Escape;
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var planned = new List<PlannedStage>();
        foreach (var stage in document.Stages)
        {
            var image = InstructionExpander.ExpandFromImage(stage.From.Image, globalArgs, escape, usedArgs);
            if (image.Length == 0) throw BerthException.Invalid($"base name ({stage.From.Image}) should not be blank");
            var stageBase = byName.TryGetValue(image, out var earlier) && !namedContexts.Contains(image)
                ? new StageBase(StageBaseKind.Stage, Stage: earlier)
                : image.Equals("scratch", StringComparison.OrdinalIgnoreCase) ? StageBase.Scratch : new StageBase(StageBaseKind.Image, image);
            var dependencies = new HashSet<int>();
            if (stageBase.Stage is { } baseStage) dependencies.Add(baseStage);
            foreach (var from in FromReferences(stage, escape, globalArgs))
            {
                if (ResolveStage(from, stage.Index, byName, document.Stages, namedContexts) is { } index) dependencies.Add(index);
            }
            if (stage.Name is { } name) byName[name] = stage.Index;
            planned.Add(new PlannedStage(stage, stageBase, dependencies, stage.Name ?? $"stage-{stage.Index}"));
        }

        var targetStage = target is null
            ? planned[^1]
            : planned.FirstOrDefault(p => string.Equals(p.Stage.Name, target, StringComparison.OrdinalIgnoreCase))
              ?? throw BerthException.Invalid($"target stage \"{target}\" could not be found");
        return new StageGraph(planned, targetStage, Order(planned, targetStage));
    }

    /// <summary>The stage a <c>--from</c> value names, or null when it names an image or a named context.</summary>
    public static int? ResolveStage(string from, int current, IReadOnlyDictionary<string, int> byName, IReadOnlyList<BuildStage> stages,
        IReadOnlySet<string> namedContexts)
    {
        if (namedContexts.Contains(from)) return null;
        if (int.TryParse(from, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            if (index >= current) throw BerthException.Invalid($"invalid from flag value {from}: refers to current or future build stage");
            return index;
        }
        if (byName.TryGetValue(from, out var named)) return named;
        // A stage named later in the file: BuildKit resolves it too, which is how a cycle can arise.
        var later = stages.FirstOrDefault(s => string.Equals(s.Name, from, StringComparison.OrdinalIgnoreCase));
        return later?.Index;
    }

    private static IEnumerable<string> FromReferences(BuildStage stage, char escape, IReadOnlyDictionary<string, string> globalArgs)
    {
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction)
            {
                case CopyInstruction { From: { } from }:
                    // BuildKit takes --from as written (a variable in it is an error at the COPY itself).
                    yield return from;
                    break;
                case RunInstruction run:
                    foreach (var mount in run.Mounts)
                    {
                        if (RunMount.Parse(new ShellLexer(escape).ProcessWord(mount, globalArgs)).From is { Length: > 0 } mountFrom) yield return mountFrom;
                    }
                    break;
            }
        }
    }

    // Depth-first from the target: a stage is listed after everything it reads; meeting a stage that is still
    // on the path is a cycle.
    private static List<PlannedStage> Order(IReadOnlyList<PlannedStage> stages, PlannedStage target)
    {
        var order = new List<PlannedStage>();
        var state = new int[stages.Count];
        void Visit(PlannedStage stage)
        {
            if (state[stage.Index] == 2) return;
            if (state[stage.Index] == 1) throw BerthException.Invalid($"circular dependency detected on stage: {stage.DisplayName}");
            state[stage.Index] = 1;
            foreach (var dependency in stage.Dependencies.Order()) Visit(stages[dependency]);
            state[stage.Index] = 2;
            order.Add(stage);
        }
        Visit(target);
        return order;
    }
}
