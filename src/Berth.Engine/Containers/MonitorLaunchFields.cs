using System.Text.Json;
using static Berth.Engine.Containers.RecordJsonFields;

namespace Berth.Engine.Containers;

/// <summary>
/// The fields of a container's record that its monitor needs before the runtime starts the container, read from
/// the row's JSON with a plain JSON reader (as <see cref="ExecRecordFields"/>). The whole record takes the
/// serializer's metadata, milliseconds to build in a fresh monitor; it is parsed beside the runtime's start
/// instead of before it.
/// </summary>
internal sealed record MonitorLaunchFields(bool Tty, bool OpenStdin, string? RuntimePath, string Runtime, bool BridgeMode)
{
    /// <summary>The fields of <paramref name="container"/>, from its stored JSON.</summary>
    public static MonitorLaunchFields Of(StoredContainer container)
    {
        using var document = JsonDocument.Parse(container.RecordJson);
        var record = document.RootElement;
        var config = record.GetProperty(nameof(ContainerRecord.Config));
        var host = record.GetProperty(nameof(ContainerRecord.HostConfig));
        var networkMode = Text(host, nameof(Models.HostConfig.NetworkMode)) ?? new Models.HostConfig().NetworkMode;
        return new MonitorLaunchFields(
            IsTrue(config, nameof(Models.DockerContainerConfig.Tty)),
            IsTrue(config, nameof(Models.DockerContainerConfig.OpenStdin)),
            Text(record, nameof(ContainerRecord.RuntimePath)),
            Text(host, nameof(Models.HostConfig.Runtime)) ?? new Models.HostConfig().Runtime,
            NetworkModes.Parse(networkMode).Kind == NetworkKind.Bridge);
    }

    public string ResolveRuntime() => ContainerRecord.ResolveRuntime(RuntimePath, Runtime);
}
