using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Engine.Containers;
using Berth.Oci.Json;
using Berth.Runtime.Spec;

namespace Berth.Engine.Json;

/// <summary>What a command will read or write as JSON, for <see cref="JsonWarmup.Start"/>.</summary>
[Flags]
public enum JsonWarmupSet
{
    None = 0,

    /// <summary>A container's row (every command on a container reads it).</summary>
    Container = 1,

    /// <summary>An image's config (create).</summary>
    ImageConfig = 2,

    /// <summary>The runtime spec's process, read and written (exec).</summary>
    Exec = 4,
}

/// <summary>
/// Builds System.Text.Json's metadata for the types a command is about to use on a thread of its own, while the
/// command opens the engine. The first use of a large type costs milliseconds (every nested type and property is
/// configured, with reflection over attributes); a command on a container runs once per process, so that cost
/// lands on every <c>run</c> and <c>exec</c> unless it overlaps with other work. A type still being built when the
/// command needs it is simply built by both; nothing waits for the warm-up.
/// </summary>
public static class JsonWarmup
{
    public static void Start(JsonWarmupSet set)
    {
        if (set == JsonWarmupSet.None) return;
        var thread = new Thread(() => Build(set)) { IsBackground = true, Name = "json warm-up" };
        thread.Start();
    }

    private static void Build(JsonWarmupSet set)
    {
        // In the order the command needs them.
        if (set.HasFlag(JsonWarmupSet.ImageConfig)) Configure(OciJsonContext.Default.Options, typeof(Oci.ImageConfig));
        if (set.HasFlag(JsonWarmupSet.Container))
        {
            Configure(ContainerJsonContext.Default.Options, typeof(ContainerRecord));
            Configure(ContainerJsonContext.Default.Options, typeof(ContainerState));
        }
        if (set.HasFlag(JsonWarmupSet.Exec))
        {
            Configure(RuntimeSpecJsonContext.Default.Options, typeof(RuntimeSpecProcess));
            Configure(RuntimeSpecJsonContext.Default.Options, typeof(OciProcess));
        }
    }

    private static void Configure(JsonSerializerOptions options, Type type)
    {
        JsonTypeInfo info = options.GetTypeInfo(type);
        _ = info.Kind;
    }
}
