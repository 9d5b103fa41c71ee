namespace Berth.Engine.Containers;

/// <summary>What <c>berth exec</c> runs in a container (Engine API ExecConfig).</summary>
public sealed record ExecRequest
{
    public required IReadOnlyList<string> Cmd { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    /// <summary>user[:group]; empty for the container's own user.</summary>
    public string User { get; init; } = "";
    /// <summary>Empty for the container's working directory.</summary>
    public string WorkingDir { get; init; } = "";
    public bool Tty { get; init; }
    public bool Detach { get; init; }
    public bool Privileged { get; init; }
}
