namespace Berth.Engine.Models;

/// <summary>The Docker Engine API's <c>GET /info</c> (SystemInfo), the fields Berth can answer truthfully.</summary>
public sealed record EngineInfo
{
    public required string ID { get; init; }
    public required int Containers { get; init; }
    public required int ContainersRunning { get; init; }
    public required int ContainersPaused { get; init; }
    public required int ContainersStopped { get; init; }
    public required int Images { get; init; }
    public required string Driver { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> DriverStatus { get; init; }
    public required string DockerRootDir { get; init; }
    public required string ExecRoot { get; init; }
    public required string CgroupDriver { get; init; }
    public required string CgroupVersion { get; init; }
    public required string DefaultRuntime { get; init; }
    public required IReadOnlyDictionary<string, RuntimeInfo> Runtimes { get; init; }
    public required string KernelVersion { get; init; }
    public required string OperatingSystem { get; init; }
    public required string OSType { get; init; }
    public required string Architecture { get; init; }
    public required int NCPU { get; init; }
    public required long MemTotal { get; init; }
    public required string Name { get; init; }
    public required string ServerVersion { get; init; }
    public string LoggingDriver { get; init; } = "json-file";
    public bool Debug { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
}
