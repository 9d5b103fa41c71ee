using System.Text.Json;
using static Berth.Engine.Containers.RecordJsonFields;

namespace Berth.Engine.Containers;

/// <summary>
/// The fields of a container's record that <c>exec</c> needs, read from the row's JSON with a plain JSON reader.
/// The serializer would first build its metadata for every type and property of a record, which in a fresh
/// process costs more than all else berth does before it starts runc exec.
/// </summary>
internal sealed record ExecRecordFields(
    string User, IReadOnlyList<string>? Env, string Hostname, bool Privileged, IReadOnlyList<string>? GroupAdd, string? RuntimePath, string Runtime)
{
    /// <summary>The fields of <paramref name="container"/>, from its stored JSON.</summary>
    public static ExecRecordFields Of(StoredContainer container)
    {
        using var document = JsonDocument.Parse(container.RecordJson);
        var record = document.RootElement;
        var config = record.GetProperty(nameof(ContainerRecord.Config));
        var host = record.GetProperty(nameof(ContainerRecord.HostConfig));
        return new ExecRecordFields(
            Text(config, nameof(Models.DockerContainerConfig.User)) ?? "",
            Strings(config, nameof(Models.DockerContainerConfig.Env)),
            Text(config, nameof(Models.DockerContainerConfig.Hostname)) ?? "",
            IsTrue(host, nameof(Models.HostConfig.Privileged)),
            Strings(host, nameof(Models.HostConfig.GroupAdd)),
            Text(record, nameof(ContainerRecord.RuntimePath)),
            Text(host, nameof(Models.HostConfig.Runtime)) ?? new Models.HostConfig().Runtime);
    }

    public string ResolveRuntime() => ContainerRecord.ResolveRuntime(RuntimePath, Runtime);
}
