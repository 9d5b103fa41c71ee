namespace Berth.Networking;

/// <summary>A finished host tool: exit code, standard output and standard error.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
