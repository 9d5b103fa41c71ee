using Berth.Oci;

namespace Berth.Images.Changes;

/// <summary>A mutable copy of a <see cref="ContainerConfig"/> that change instructions edit in order.</summary>
internal sealed class ConfigBuilder(ContainerConfig original)
{
    public List<string>? Cmd { get; set; } = original.Cmd?.ToList();
    public List<string>? Entrypoint { get; set; } = original.Entrypoint?.ToList();
    public List<string> Env { get; } = original.Env?.ToList() ?? [];
    public SortedDictionary<string, string> Labels { get; } = new(original.Labels?.ToDictionary() ?? [], StringComparer.Ordinal);
    public SortedDictionary<string, EmptyObject> Ports { get; } = new(original.ExposedPorts?.ToDictionary() ?? [], StringComparer.Ordinal);
    public SortedDictionary<string, EmptyObject> Volumes { get; } = new(original.Volumes?.ToDictionary() ?? [], StringComparer.Ordinal);
    public List<string> OnBuild { get; } = original.OnBuild?.ToList() ?? [];
    public string? WorkingDir { get; set; } = original.WorkingDir;
    public string? User { get; set; } = original.User;
    public string? StopSignal { get; set; } = original.StopSignal;
    public HealthConfig? Healthcheck { get; set; } = original.Healthcheck;

    /// <summary>Whether a CMD came earlier in these changes: ENTRYPOINT clears an inherited CMD, not a new one.</summary>
    public bool CmdSet { get; set; }

    /// <summary>The shell that wraps shell-form commands: the image's SHELL, else <c>/bin/sh -c</c>.</summary>
    public IReadOnlyList<string> Shell => original.Shell is { Count: > 0 } shell ? shell : ["/bin/sh", "-c"];

    /// <summary>The environment as a lookup for variable expansion; later entries win, as in the runtime.</summary>
    public IReadOnlyDictionary<string, string> EnvMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Env)
        {
            var eq = entry.IndexOf('=');
            if (eq > 0) map[entry[..eq]] = entry[(eq + 1)..];
        }
        return map;
    }

    public void SetEnv(string name, string value)
    {
        var index = Env.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal) || e == name);
        if (index >= 0) Env[index] = $"{name}={value}";
        else Env.Add($"{name}={value}");
    }

    public ContainerConfig Build() => original with
    {
        Cmd = Cmd,
        Entrypoint = Entrypoint,
        Env = Env.Count > 0 ? Env : null,
        Labels = Labels.Count > 0 ? Labels : null,
        ExposedPorts = Ports.Count > 0 ? Ports : null,
        Volumes = Volumes.Count > 0 ? Volumes : null,
        OnBuild = OnBuild.Count > 0 ? OnBuild : null,
        WorkingDir = WorkingDir,
        User = User,
        StopSignal = StopSignal,
        Healthcheck = Healthcheck,
    };
}
