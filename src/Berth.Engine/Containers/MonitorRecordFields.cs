using System.Text.Json;
using Berth.Engine.Models;
using static Berth.Oci.Json.JsonMembers;

namespace Berth.Engine.Containers;

/// <summary>
/// The fields of a container's record that its monitor works with, read from the row's JSON with a plain JSON
/// reader (<see cref="Oci.Json.JsonMembers"/>). The whole record takes the serializer's metadata for every type and
/// property of it, milliseconds of CPU in each fresh monitor, taken from the runtime starting the container beside
/// it on a small machine.
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
    private static readonly string[] Objects =
        [nameof(ContainerRecord.Config), nameof(ContainerRecord.HostConfig), "HostConfig.RestartPolicy", "HostConfig.LogConfig"];

    /// <summary>The fields of <paramref name="container"/>, from its stored JSON.</summary>
    public static MonitorRecordFields Of(StoredContainer container)
    {
        var defaults = new HostConfig();
        bool tty = false, openStdin = false, autoRemove = false;
        string? runtimePath = null;
        string runtime = defaults.Runtime, networkMode = defaults.NetworkMode, cgroupParent = "", policyName = defaults.RestartPolicy.Name;
        var retries = 0;
        IReadOnlyDictionary<string, string> logOptions = defaults.LogConfig.Config;
        Visit(container.RecordJson, Objects, (string path, ref Utf8JsonReader reader) =>
        {
            switch (path)
            {
                case "Config.Tty": tty = IsTrue(ref reader); return true;
                case "Config.OpenStdin": openStdin = IsTrue(ref reader); return true;
                case nameof(ContainerRecord.RuntimePath): runtimePath = Text(ref reader); return true;
                case "HostConfig.Runtime": runtime = Text(ref reader) ?? runtime; return true;
                case "HostConfig.NetworkMode": networkMode = Text(ref reader) ?? networkMode; return true;
                case "HostConfig.AutoRemove": autoRemove = IsTrue(ref reader); return true;
                case "HostConfig.CgroupParent": cgroupParent = Text(ref reader) ?? ""; return true;
                case "HostConfig.RestartPolicy.Name": policyName = Text(ref reader) ?? policyName; return true;
                case "HostConfig.RestartPolicy.MaximumRetryCount":
                    if (reader.TokenType == JsonTokenType.Number) retries = reader.GetInt32();
                    return true;
                case "HostConfig.LogConfig.Config": logOptions = StringMap(ref reader) ?? logOptions; return true;
                default: return false;
            }
        });
        return new MonitorRecordFields(
            tty,
            openStdin,
            runtimePath,
            runtime,
            NetworkModes.Parse(networkMode).Kind == NetworkKind.Bridge,
            autoRemove,
            new RestartPolicy { Name = policyName, MaximumRetryCount = retries },
            logOptions,
            cgroupParent);
    }

    public string ResolveRuntime() => ContainerRecord.ResolveRuntime(RuntimePath, Runtime);
}
