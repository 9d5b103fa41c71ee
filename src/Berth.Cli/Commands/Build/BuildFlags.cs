using Berth.CommandLine;

namespace Berth.Cli.Commands.Build;

/// <summary><c>berth build</c>'s flags, docker's names and help texts.</summary>
internal sealed class BuildFlags
{
    public BuildFlags(CliOptionSet options)
    {
        BuildArgs = options.AddList("build-arg", null, "Set build-time variables", valueName: "stringArray");
        BuildContexts = options.AddList("build-context", null, "Additional build contexts (e.g., name=path)", valueName: "stringArray");
        CacheFrom = options.AddList("cache-from", null, "External cache sources (e.g., \"type=local,src=path/to/dir\")", valueName: "stringArray");
        CacheTo = options.AddList("cache-to", null, "Cache export destinations (e.g., \"type=local,dest=path/to/dir\")", valueName: "stringArray");
        File = options.AddString("file", 'f', "Name of the Dockerfile (default: \"PATH/Dockerfile\")", valueName: "string");
        IidFile = options.AddString("iidfile", null, "Write the image ID to a file", valueName: "string");
        Labels = options.AddList("label", null, "Set metadata for an image", valueName: "stringArray");
        Network = options.AddString("network", null, "Set the networking mode for the \"RUN\" instructions during build", defaultValue: "default", valueName: "string");
        NoCache = options.AddBool("no-cache", null, "Do not use cache when building the image");
        Output = options.AddList("output", 'o', "Output destination (format: \"type=local,dest=path\")", valueName: "stringArray");
        Platform = options.AddList("platform", null, "Set target platform for build", valueName: "stringArray");
        Progress = options.AddString("progress", null, "Set type of progress output (\"auto\", \"plain\", \"tty\", \"quiet\"). Use plain to show container output", defaultValue: "auto", valueName: "string");
        Pull = options.AddBool("pull", null, "Always attempt to pull all referenced images");
        Quiet = options.AddBool("quiet", 'q', "Suppress the build output and print image ID on success");
        Secrets = options.AddList("secret", null, "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")", valueName: "stringArray");
        Tags = options.AddList("tag", 't', "Name and optionally a tag (format: \"name:tag\")", valueName: "stringArray");
        Target = options.AddString("target", null, "Set the target build stage to build", valueName: "string");
        Timestamp = options.AddString("timestamp", null, "Set every timestamp of the image to this Unix time, for a reproducible build (default: $SOURCE_DATE_EPOCH)", valueName: "int");
    }

    public ListOption BuildArgs { get; }
    public ListOption BuildContexts { get; }
    public ListOption CacheFrom { get; }
    public ListOption CacheTo { get; }
    public StringOption File { get; }
    public StringOption IidFile { get; }
    public ListOption Labels { get; }
    public StringOption Network { get; }
    public BoolOption NoCache { get; }
    public ListOption Output { get; }
    public ListOption Platform { get; }
    public StringOption Progress { get; }
    public BoolOption Pull { get; }
    public BoolOption Quiet { get; }
    public ListOption Secrets { get; }
    public ListOption Tags { get; }
    public StringOption Target { get; }
    public StringOption Timestamp { get; }
}
