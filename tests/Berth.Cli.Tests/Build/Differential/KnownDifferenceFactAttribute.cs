using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// A differential case where berth is known to differ from docker: skipped with "berth differs: …" and the
/// exact difference, so the suite stays a list of what matches plus a list of what does not. Set
/// BERTH_DIFF_KNOWN=1 to run these too (they fail until the builder is fixed, then the skip should go).
/// Still skipped loudly when docker is missing.
/// </summary>
public sealed class KnownDifferenceFactAttribute : FactAttribute
{
    public KnownDifferenceFactAttribute(string difference)
    {
        var tool = new ToolFactAttribute("docker");
        if (tool.Skip != null)
            Skip = tool.Skip;
        else if (Environment.GetEnvironmentVariable("BERTH_DIFF_KNOWN") != "1")
            Skip = "berth differs: " + difference;
    }
}
