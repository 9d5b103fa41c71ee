namespace Berth.Cli.Tests.Support;

/// <summary>
/// A fact that needs outside tools: skipped, with the reason shown in the results, when one is missing or
/// (for docker) when <c>docker info</c> fails. Never a silent pass.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        foreach (var tool in tools)
        {
            if (!Tool.Exists(tool))
            {
                Skip = $"SKIPPED LOUDLY: {tool} is not installed (scripts/setup.sh installs it)";
                return;
            }
            if (tool == "docker" && !DockerUsable.Value)
            {
                Skip = "SKIPPED LOUDLY: `docker info` fails: no docker daemon to compare with";
                return;
            }
        }
    }

    private static readonly Lazy<bool> DockerUsable = new(() => Tool.Run("docker", "info").ExitCode == 0);
}
