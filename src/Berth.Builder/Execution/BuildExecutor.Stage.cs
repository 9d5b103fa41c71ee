using Berth.Builder.Dockerfile;
using Berth.Builder.Planning;
using Berth.Oci;

namespace Berth.Builder.Execution;

public sealed partial class BuildExecutor
{
    /// <summary>The PATH BuildKit gives a stage built from scratch.</summary>
    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private async Task<StageResult> RunStageAsync(PlannedStage stage, CancellationToken ct)
    {
        var total = 1 + stage.Stage.Instructions.Count(IsStep);
        var prefix = _document.Stages.Count > 1 ? stage.DisplayName + " " : "";
        var (state, triggers) = await StartStageAsync(stage, total, prefix, ct).ConfigureAwait(false);
        var run = new StageRun(stage, state, total + triggers.Count(IsStep), prefix);
        foreach (var instruction in triggers.Concat(stage.Stage.Instructions))
        {
            ct.ThrowIfCancellationRequested();
            await ExecuteAsync(run, instruction, ct).ConfigureAwait(false);
        }
        return new StageResult(state);
    }

    /// <summary>RUN, COPY, ADD and WORKDIR touch the filesystem: BuildKit shows only those as numbered steps.</summary>
    private static bool IsStep(Instruction instruction) => instruction is RunInstruction or CopyInstruction or WorkdirInstruction;

    /// <summary>
    /// The FROM step: the base's state, and the ONBUILD triggers an image base carries, which run first and are
    /// not inherited (Docker's rule).
    /// </summary>
    private async Task<(StageState State, IReadOnlyList<Instruction> Triggers)> StartStageAsync(PlannedStage stage, int total, string prefix, CancellationToken ct)
    {
        switch (stage.Base.Kind)
        {
            case StageBaseKind.Scratch:
                var scratch = new StageState
                {
                    Key = CacheKey.Next(default, "scratch", _options.Platform.ToString()),
                    Layers = [],
                    History = [],
                    Architecture = _options.Platform.Architecture,
                    Os = _options.Platform.Os,
                    Variant = _options.Platform.Variant,
                    Env = [DefaultPath],
                    WorkingDir = "/",
                };
                return (scratch, []);
            case StageBaseKind.Stage:
                var parent = (await StageAsync(stage.Base.Stage!.Value).ConfigureAwait(false)).State;
                var copy = StageState.From(parent.ToImageConfig(null), parent.Layers, parent.Key);
                return (copy, []);
            default:
                var name = ImageNameFor(stage.Base.Image!);
                var vertex = StartVertex(StageRun.FromName(prefix, total, "FROM " + name), stage.Stage.From);
                BaseImage image;
                try
                {
                    image = await _worker.ResolveImageAsync(name, _options.Pull, _progress, ct).ConfigureAwait(false);
                }
                catch (BerthException e)
                {
                    vertex.Failed(e.Message);
                    throw;
                }
                vertex.Done();
                var state = StageState.From(image.Config, image.Layers, CacheKey.Next(default, "image", image.Id.ToString()));
                // BuildKit gives a base without PATH the default one, so RUN finds its tools and the image says so.
                if (state.GetEnv("PATH") is null) state.Env.Add(DefaultPath);
                var triggers = state.OnBuild.Select(t => ParseTrigger(t, stage)).ToList();
                state.OnBuild.Clear();
                return (state, triggers);
        }
    }

    /// <summary>A named context given as <c>docker-image://REF</c> replaces the image a FROM names.</summary>
    private string ImageNameFor(string image)
    {
        if (!_options.NamedContexts.TryGetValue(image, out var context)) return image;
        const string scheme = "docker-image://";
        return context.StartsWith(scheme, StringComparison.Ordinal)
            ? context[scheme.Length..]
            : throw BerthException.Invalid($"named context {image} is a local directory: only docker-image:// contexts can be used in FROM");
    }

    private Instruction ParseTrigger(string trigger, PlannedStage stage)
    {
        var parsed = DockerfileParser.Parse("FROM scratch\n" + trigger);
        var instruction = parsed.Stages[0].Instructions.Single();
        // Triggers report the line of the FROM that ran them, as BuildKit does.
        return instruction with { Line = stage.Stage.From.Line, EndLine = stage.Stage.From.EndLine };
    }
}
