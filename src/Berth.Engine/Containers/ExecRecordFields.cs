using System.Text.Json;
using static Berth.Oci.Json.JsonMembers;

namespace Berth.Engine.Containers;

/// <summary>
/// The fields of a container's record that <c>exec</c> needs, read from the row's JSON with a plain JSON reader
/// (<see cref="Oci.Json.JsonMembers"/>). The serializer would first build its metadata for every type and property of
/// a record, which in a fresh process costs more than all else berth does before it starts runc exec.
/// </summary>
internal sealed record ExecRecordFields(
    string User, IReadOnlyList<string>? Env, string Hostname, bool Privileged, IReadOnlyList<string>? GroupAdd, string? RuntimePath, string Runtime)
{
    private static readonly string[] Objects = [nameof(ContainerRecord.Config), nameof(ContainerRecord.HostConfig)];

    /// <summary>The fields of <paramref name="container"/>, from its stored JSON.</summary>
    public static ExecRecordFields Of(StoredContainer container)
    {
        string user = "", hostname = "", runtime = new Models.HostConfig().Runtime;
        string? runtimePath = null;
        List<string>? env = null, groupAdd = null;
        var privileged = false;
        Visit(container.RecordJson, Objects, (string path, ref Utf8JsonReader reader) =>
        {
            switch (path)
            {
                case "Config.User": user = Text(ref reader) ?? ""; return true;
                case "Config.Env": env = Strings(ref reader); return true;
                case "Config.Hostname": hostname = Text(ref reader) ?? ""; return true;
                case "HostConfig.Privileged": privileged = IsTrue(ref reader); return true;
                case "HostConfig.GroupAdd": groupAdd = Strings(ref reader); return true;
                case "HostConfig.Runtime": runtime = Text(ref reader) ?? runtime; return true;
                case nameof(ContainerRecord.RuntimePath): runtimePath = Text(ref reader); return true;
                default: return false;
            }
        });
        return new ExecRecordFields(user, env, hostname, privileged, groupAdd, runtimePath, runtime);
    }

    public string ResolveRuntime() => ContainerRecord.ResolveRuntime(RuntimePath, Runtime);
}
