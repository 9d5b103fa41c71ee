using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>
/// Where a stage stands after each instruction: its layers, its image config as it will be written, its
/// history, the build args in its scope, and the running cache key. Owned by one stage's task.
/// </summary>
internal sealed class StageState
{
    public required Digest Key { get; set; }
    public required List<BuildLayer> Layers { get; init; }
    public required List<HistoryEntry> History { get; init; }
    public required string Architecture { get; init; }
    public required string Os { get; init; }
    public string? Variant { get; init; }

    /// <summary>KEY=VALUE lines in the order they were first set, as Docker keeps them.</summary>
    public List<string> Env { get; init; } = [];
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public string WorkingDir { get; set; } = "";
    public string User { get; set; } = "";
    public SortedDictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal);
    public SortedSet<string> ExposedPorts { get; init; } = new(StringComparer.Ordinal);
    public SortedSet<string> Volumes { get; init; } = new(StringComparer.Ordinal);
    public string? StopSignal { get; set; }
    public HealthConfig? Healthcheck { get; set; }
    public List<string> OnBuild { get; init; } = [];
    public List<string>? Shell { get; set; }
    public string? Author { get; set; }
    /// <summary>Whether CMD was set in this stage: ENTRYPOINT resets an inherited CMD only.</summary>
    public bool CmdSetHere { get; set; }

    /// <summary>Build args declared in this stage, in declaration order, with their values (null: declared without one).</summary>
    public List<KeyValuePair<string, string?>> Args { get; } = [];

    public IReadOnlyList<string> ShellOrDefault => Shell is { Count: > 0 } shell ? shell : ["/bin/sh", "-c"];

    public string? GetEnv(string name)
    {
        var prefix = name + "=";
        return Env.FirstOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    public void SetEnv(string name, string value)
    {
        var prefix = name + "=";
        var index = Env.FindIndex(e => e.StartsWith(prefix, StringComparison.Ordinal) || e == name);
        if (index >= 0) Env[index] = prefix + value;
        else Env.Add(prefix + value);
    }

    /// <summary>What instructions expand variables with: the stage's args, overridden by its ENV (Docker's rule).</summary>
    public Dictionary<string, string> ExpansionEnv()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Args)
        {
            if (value is not null) env[name] = value;
        }
        foreach (var line in Env)
        {
            var eq = line.IndexOf('=');
            if (eq > 0) env[line[..eq]] = line[(eq + 1)..];
        }
        return env;
    }

    /// <summary>The environment of a RUN: ENV lines, then args ENV does not override.</summary>
    public List<string> RunEnv()
    {
        var env = new List<string>(Env);
        foreach (var (name, value) in Args)
        {
            if (value is not null && GetEnv(name) is null) env.Add($"{name}={value}");
        }
        return env;
    }

    public ImageConfig ToImageConfig(DateTimeOffset? created) => new()
    {
        Created = created,
        Author = Author,
        Architecture = Architecture,
        Os = Os,
        Variant = Variant,
        Config = new ContainerConfig
        {
            User = User.Length == 0 ? null : User,
            ExposedPorts = ExposedPorts.Count == 0 ? null : ExposedPorts.ToDictionary(p => p, _ => EmptyObject.Instance),
            Env = Env.Count == 0 ? null : [.. Env],
            Entrypoint = Entrypoint,
            Cmd = Cmd,
            Volumes = Volumes.Count == 0 ? null : Volumes.ToDictionary(v => v, _ => EmptyObject.Instance),
            WorkingDir = WorkingDir.Length == 0 ? null : WorkingDir,
            Labels = Labels.Count == 0 ? null : new SortedDictionary<string, string>(Labels, StringComparer.Ordinal),
            StopSignal = StopSignal,
            Healthcheck = Healthcheck,
            OnBuild = OnBuild.Count == 0 ? null : [.. OnBuild],
            Shell = Shell,
        },
        RootFs = new RootFs { DiffIds = [.. Layers.Select(l => l.DiffId)] },
        History = [.. History],
    };

    /// <summary>A stage that starts where another ended (FROM an earlier stage): a deep copy, args not carried.</summary>
    public static StageState From(ImageConfig config, IReadOnlyList<BuildLayer> layers, Digest key)
    {
        var c = config.Config ?? new ContainerConfig();
        var state = new StageState
        {
            Key = key,
            Layers = [.. layers],
            History = [.. config.History ?? []],
            Architecture = config.Architecture,
            Os = config.Os,
            Variant = config.Variant,
            Env = [.. c.Env ?? []],
            Cmd = c.Cmd is null ? null : [.. c.Cmd],
            Entrypoint = c.Entrypoint is null ? null : [.. c.Entrypoint],
            WorkingDir = c.WorkingDir ?? "",
            User = c.User ?? "",
            StopSignal = c.StopSignal,
            Healthcheck = c.Healthcheck,
            OnBuild = [.. c.OnBuild ?? []],
            Shell = c.Shell is null ? null : [.. c.Shell],
            Author = config.Author,
        };
        foreach (var (k, v) in c.Labels ?? new Dictionary<string, string>()) state.Labels[k] = v;
        foreach (var port in c.ExposedPorts?.Keys ?? []) state.ExposedPorts.Add(port);
        foreach (var volume in c.Volumes?.Keys ?? []) state.Volumes.Add(volume);
        return state;
    }
}
