using Berth.Builder.Planning;

namespace Berth.Builder.Execution;

/// <summary>One stage being built: its plan, its state, and the step counter progress names show (<c>[2/5]</c>).</summary>
internal sealed class StageRun(PlannedStage plan, StageState state, int totalSteps, string prefix)
{
    public PlannedStage Plan => plan;
    public StageState State => state;
    public int Step { get; private set; } = 1;

    /// <summary>The next step's progress name, as BuildKit's: <c>[builder 2/5] RUN make</c>.</summary>
    public string NextStepName(string original)
    {
        Step++;
        return $"[{prefix}{Step}/{totalSteps}] {original}";
    }

    /// <summary>The FROM step's progress name, before the stage's state exists.</summary>
    public static string FromName(string prefix, int totalSteps, string original) => $"[{prefix}1/{totalSteps}] {original}";
}
