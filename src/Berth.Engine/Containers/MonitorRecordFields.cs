using System.Text.Json;
using Berth.Engine.Models;
using static Berth.Engine.Containers.RecordJsonFields;

namespace Berth.Engine.Containers;

/// <summary>
/// The fields of a container's record that its monitor works with, read from the row's JSON with a plain JSON
/// reader (as <see cref="ExecRecordFields"/>). The whole record takes the serializer's metadata for every type
/// and property of it, milliseconds of CPU in each fresh monitor, taken from the runtime starting the container
/// beside it on a small machine.
/// </summary>
internal sealed record MonitorRecordFields(
    bool Tty,
    bool OpenStdin,
    string? RuntimePath,
    string Runtime,
    bool BridgeMode,
    bool AutoRemove,
    RestartPolicy RestartPolicy,
    IReadOnlyDictionary<string, string> LogOptions,
    string CgroupParent)
{
    /// <summary>The fields of <paramref name="container"/>, from its stored JSON.</summary>
    public static MonitorRecordFields Of(StoredContainer container)
    {
        using var document = JsonDocument.Parse(container.RecordJson);
        var record = document.RootElement;
        var config = record.GetProperty(nameof(ContainerRecord.Config));
        var host = record.GetProperty(nameof(ContainerRecord.HostConfig));
        var defaults = new HostConfig();
        var networkMode = Text(host, nameof(HostConfig.NetworkMode)) ?? defaults.NetworkMode;
        return new MonitorRecordFields(
            IsTrue(config, nameof(DockerContainerConfig.Tty)),
            IsTrue(config, nameof(DockerContainerConfig.OpenStdin)),
            Text(record, nameof(ContainerRecord.RuntimePath)),
            Text(host, nameof(HostConfig.Runtime)) ?? defaults.Runtime,
            NetworkModes.Parse(networkMode).Kind == NetworkKind.Bridge,
            IsTrue(host, nameof(HostConfig.AutoRemove)),
            RestartPolicyOf(host) ?? defaults.RestartPolicy,
            LogOptionsOf(host) ?? defaults.LogConfig.Config,
            Text(host, nameof(HostConfig.CgroupParent)) ?? "");
    }

    public string ResolveRuntime() => ContainerRecord.ResolveRuntime(RuntimePath, Runtime);

    private static RestartPolicy? RestartPolicyOf(JsonElement host)
    {
        if (!host.TryGetProperty(nameof(HostConfig.RestartPolicy), out var policy) || policy.ValueKind != JsonValueKind.Object) return null;
        var retries = policy.TryGetProperty(nameof(RestartPolicy.MaximumRetryCount), out var count) && count.ValueKind == JsonValueKind.Number
            ? count.GetInt32()
            : 0;
        return new RestartPolicy { Name = Text(policy, nameof(RestartPolicy.Name)) ?? new RestartPolicy().Name, MaximumRetryCount = retries };
    }

    private static Dictionary<string, string>? LogOptionsOf(JsonElement host)
    {
        if (!host.TryGetProperty(nameof(HostConfig.LogConfig), out var log) || log.ValueKind != JsonValueKind.Object) return null;
        if (!log.TryGetProperty(nameof(LogConfig.Config), out var options) || options.ValueKind != JsonValueKind.Object) return null;
        return options.EnumerateObject()
            .Where(option => option.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(option => option.Name, option => option.Value.GetString()!, StringComparer.Ordinal);
    }
}
