using Berth.Builder.Dockerfile;

namespace Berth.Builder.Planning;

/// <summary>
/// A stage with its base resolved and the stages it reads (its base, COPY --from, RUN --mount from).
/// <see cref="DisplayName"/> is how progress names it: its own name, or <c>stage-N</c>.
/// </summary>
public sealed record PlannedStage(BuildStage Stage, StageBase Base, IReadOnlySet<int> Dependencies, string DisplayName)
{
    public int Index => Stage.Index;
}
