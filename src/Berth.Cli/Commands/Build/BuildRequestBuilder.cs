using System.Globalization;
using Berth.Builder.Execution;
using Berth.CommandLine;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Cli.Commands.Build;

/// <summary>Turns <c>berth build</c>'s flags into a <see cref="BuildRequest"/>, checking each as docker does.</summary>
internal static class BuildRequestBuilder
{
    public static BuildRequest Create(CliContext context, BuildFlags flags, string? dockerfileText)
    {
        var path = context.Arguments[0];
        if (path.Contains("://", StringComparison.Ordinal) || path.StartsWith("git@", StringComparison.Ordinal))
            throw BerthException.Invalid($"unable to prepare context: remote contexts are not supported: {path}: pass a directory, or - for a tar on stdin");
        var buildArgs = BuildArgs(context.Get(flags.BuildArgs));
        var platforms = context.Get(flags.Platform).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (platforms.Count > 1) throw BerthException.Invalid("multiple platforms are not supported: berth builds for the host platform only");
        var cacheTo = context.Get(flags.CacheTo).Select(c => LocalCache(c, "dest")).ToList();
        if (cacheTo.Count > 1) throw BerthException.Invalid("only one --cache-to is supported");
        var network = context.Get(flags.Network);
        if (network is not ("default" or "host" or "none"))
            throw BerthException.Invalid($"network mode \"{network}\" not supported by buildkit: use default, host or none");
        var outputs = context.Get(flags.Output).Select(BuildOutput.Parse).ToList();
        return new BuildRequest
        {
            ContextDirectory = path == "-" ? null : path,
            DockerfilePath = context.Get(flags.File) is { Length: > 0 } file && file != "-" ? file : null,
            DockerfileText = dockerfileText,
            Tags = context.Get(flags.Tags),
            Outputs = outputs,
            CacheFrom = [.. context.Get(flags.CacheFrom).Select(c => LocalCache(c, "src"))],
            CacheTo = cacheTo.Count == 1 ? cacheTo[0] : null,
            Options = new BuildOptions
            {
                BuildArgs = buildArgs,
                Target = context.Get(flags.Target) is { Length: > 0 } target ? target : null,
                NoCache = context.Get(flags.NoCache),
                Pull = context.Get(flags.Pull),
                Network = network,
                Labels = Pairs(context.Get(flags.Labels), "label"),
                Secrets = Secrets(context.Get(flags.Secrets)),
                NamedContexts = Pairs(context.Get(flags.BuildContexts), "build-context"),
                SourceDateEpoch = Epoch(context.Get(flags.Timestamp), buildArgs),
                Platform = platforms.Count == 1 ? Platform.Parse(platforms[0]) : Platform.Host,
            },
        };
    }

    /// <summary>
    /// <c>type=local,src=DIR</c> (or <c>dest=DIR</c> for --cache-to), docker's local cache. Registry, inline and
    /// other cache backends need a service Berth does not talk to, and are refused.
    /// </summary>
    private static string LocalCache(string value, string pathKey)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text, _) in Fields(value)) fields[key] = text;
        var type = fields.GetValueOrDefault("type") ?? (value.Contains('=') ? null : "registry");
        if (type != "local") throw BerthException.Invalid($"cache type {type ?? "(none)"} is not supported: use type=local,{pathKey}=DIR");
        foreach (var key in fields.Keys.Where(k => k is not ("type" or "mode" or "compression" or "oci-mediatypes" or "ignore-error") && k != pathKey))
            throw BerthException.Invalid($"unexpected key '{key}' in '{value}'");
        var path = fields.GetValueOrDefault(pathKey);
        return string.IsNullOrEmpty(path) ? throw BerthException.Invalid($"type=local cache requires {pathKey}") : Path.GetFullPath(path);
    }

    /// <summary><c>--build-arg K=V</c>, or <c>--build-arg K</c> taking K from the environment (ignored when unset).</summary>
    private static Dictionary<string, string> BuildArgs(IReadOnlyList<string> values)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq == 0) throw BerthException.Invalid($"invalid key-value pair \"{value}\": empty key");
            if (eq > 0) args[value[..eq]] = value[(eq + 1)..];
            else if (Environment.GetEnvironmentVariable(value) is { } fromEnv) args[value] = fromEnv;
        }
        return args;
    }

    private static Dictionary<string, string> Pairs(IReadOnlyList<string> values, string flag)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq == 0 || (flag == "build-context" && eq < 0)) throw BerthException.Invalid($"invalid --{flag} value \"{value}\": expected name=value");
            if (eq < 0) pairs[value] = "";
            else pairs[value[..eq]] = value[(eq + 1)..];
        }
        return pairs;
    }

    /// <summary><c>--secret id=ID[,src=PATH|,env=VAR]</c>; a bare id reads the variable of that name, else the file.</summary>
    private static Dictionary<string, BuildSecret> Secrets(IReadOnlyList<string> values)
    {
        var secrets = new Dictionary<string, BuildSecret>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            string? id = null, source = null, env = null;
            foreach (var (key, text, field) in Fields(value))
            {
                switch (key)
                {
                    case "id": id = text; break;
                    case "src" or "source": source = text; break;
                    case "env": env = text; break;
                    case "type" when text is "file" or "env": break;
                    default: throw BerthException.Invalid($"unexpected key '{key}' in '{field}'");
                }
            }
            if (string.IsNullOrEmpty(id)) throw BerthException.Invalid($"invalid secret {value}: id is required");
            // An environment secret stays in memory until the step's bundle: no copy of it lands anywhere else.
            if (source is null && Environment.GetEnvironmentVariable(env ?? id) is { } secret)
            {
                secrets[id] = new BuildSecret(null, System.Text.Encoding.UTF8.GetBytes(secret));
                continue;
            }
            source ??= id;
            if (!File.Exists(source)) throw BerthException.Invalid($"failed to stat {source}: no such file or directory");
            secrets[id] = new BuildSecret(Path.GetFullPath(source), null);
        }
        return secrets;
    }

    /// <summary>The comma-separated <c>key=value</c> fields of a flag value; a bare key has an empty value.</summary>
    private static IEnumerable<(string Key, string Text, string Field)> Fields(string value) =>
        value.Split(',').Select(field => field.IndexOf('=') is var eq and >= 0 ? (field[..eq], field[(eq + 1)..], field) : (field, "", field));

    /// <summary>--timestamp, else the SOURCE_DATE_EPOCH build arg, else the environment variable (BuildKit's order).</summary>
    private static DateTimeOffset? Epoch(string flag, IReadOnlyDictionary<string, string> buildArgs)
    {
        var text = flag.Length > 0 ? flag
            : buildArgs.TryGetValue("SOURCE_DATE_EPOCH", out var arg) ? arg
            : Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw BerthException.Invalid($"invalid SOURCE_DATE_EPOCH: {text}");
    }
}
