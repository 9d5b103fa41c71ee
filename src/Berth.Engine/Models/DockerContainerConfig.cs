using System.Text.Json.Serialization;
using Berth.Oci;

namespace Berth.Engine.Models;

/// <summary>
/// Docker's container.Config as the API prints it inside image inspect: every field present, empty values as
/// empty strings, false or null — the shape scripts written against docker expect.
/// </summary>
public sealed record DockerContainerConfig
{
    public string Hostname { get; init; } = "";
    public string Domainname { get; init; } = "";
    public string User { get; init; } = "";
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public bool StdinOnce { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthConfig? Healthcheck { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ArgsEscaped { get; init; }
    public string Image { get; init; } = "";
    public IReadOnlyDictionary<string, EmptyObject>? Volumes { get; init; }
    public string WorkingDir { get; init; } = "";
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? OnBuild { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopSignal { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StopTimeout { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Shell { get; init; }

    public static DockerContainerConfig From(ContainerConfig? config) => config is null ? new() : new()
    {
        Hostname = config.Hostname ?? "",
        Domainname = config.Domainname ?? "",
        User = config.User ?? "",
        ExposedPorts = config.ExposedPorts,
        Env = config.Env,
        Cmd = config.Cmd,
        Healthcheck = config.Healthcheck,
        ArgsEscaped = config.ArgsEscaped,
        Volumes = config.Volumes,
        WorkingDir = config.WorkingDir ?? "",
        Entrypoint = config.Entrypoint,
        OnBuild = config.OnBuild,
        Labels = config.Labels,
        StopSignal = config.StopSignal,
        Shell = config.Shell,
    };
}
