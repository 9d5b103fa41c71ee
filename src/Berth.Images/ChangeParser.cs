using System.Globalization;
using Berth.Images.Changes;
using Berth.Oci;

namespace Berth.Images;

/// <summary>
/// Applies <c>docker import/commit --change</c> lines to a container config. Each line is one Dockerfile
/// instruction; only those docker allows for commits are accepted (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK,
/// LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), with docker's errors: <c>run is not a valid change
/// command</c>. Values are unquoted and <c>$VAR</c> expanded from the config's environment as docker does.
/// </summary>
public static class ChangeParser
{
    private static readonly HashSet<string> Valid =
        ["cmd", "entrypoint", "env", "expose", "healthcheck", "label", "onbuild", "stopsignal", "user", "volume", "workdir"];

    public static ContainerConfig Apply(ContainerConfig? config, IEnumerable<string> changes)
    {
        var lines = changes
            .SelectMany(c => c.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Keyword: FirstWord(l), Arguments: l[FirstWord(l).Length..].Trim()))
            .ToList();
        // Docker checks every instruction before applying any, so one bad line names itself first.
        foreach (var (keyword, _) in lines)
        {
            if (!Valid.Contains(keyword.ToLowerInvariant()))
                throw BerthException.Invalid($"{keyword.ToLowerInvariant()} is not a valid change command");
        }
        var builder = new ConfigBuilder(config ?? new ContainerConfig());
        foreach (var (keyword, rest) in lines)
        {
            try
            {
                Dispatch(builder, keyword.ToUpperInvariant(), rest);
            }
            catch (FormatException e)
            {
                throw BerthException.Invalid($"dockerfile parse error: {keyword.ToUpperInvariant()}: {e.Message}", e);
            }
        }
        return builder.Build();
    }

    private static string FirstWord(string line)
    {
        var end = line.IndexOfAny([' ', '\t']);
        return end < 0 ? line : line[..end];
    }

    private static void Dispatch(ConfigBuilder config, string keyword, string rest)
    {
        if (rest.Length == 0) throw new FormatException($"{keyword} requires at least one argument");
        switch (keyword)
        {
            case "CMD":
                config.Cmd = Command(config, rest);
                config.CmdSet = true;
                break;
            case "ENTRYPOINT":
                config.Entrypoint = Command(config, rest);
                if (!config.CmdSet) config.Cmd = null;
                break;
            case "ENV":
                foreach (var (name, value) in Pairs(config, keyword, rest)) config.SetEnv(name, value);
                break;
            case "LABEL":
                foreach (var (name, value) in Pairs(config, keyword, rest)) config.Labels[name] = value;
                break;
            case "EXPOSE":
                foreach (var port in Words(config, rest)) config.Ports[PortKey(port)] = EmptyObject.Instance;
                break;
            case "VOLUME":
                var volumes = ShellWords.TryParseJsonArray(rest, out var json) ? json : Words(config, rest);
                foreach (var volume in volumes.Select(v => v.Trim()))
                {
                    if (volume.Length == 0) throw new FormatException("VOLUME specified can not be an empty string");
                    config.Volumes[volume] = EmptyObject.Instance;
                }
                break;
            case "WORKDIR":
                var dir = ShellWords.Process(rest, config.EnvMap());
                config.WorkingDir = dir.StartsWith('/') ? dir : Path.Combine(config.WorkingDir ?? "/", dir).Replace('\\', '/');
                break;
            case "USER":
                config.User = ShellWords.Process(rest, config.EnvMap());
                break;
            case "STOPSIGNAL":
                config.StopSignal = ShellWords.Process(rest, config.EnvMap());
                break;
            case "ONBUILD":
                var trigger = FirstWord(rest).ToUpperInvariant();
                if (trigger == "ONBUILD") throw new FormatException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                if (trigger is "FROM" or "MAINTAINER") throw new FormatException($"{trigger} isn't allowed as an ONBUILD trigger");
                config.OnBuild.Add(rest);
                break;
            case "HEALTHCHECK":
                config.Healthcheck = HealthcheckChange.Parse(rest);
                break;
        }
    }

    /// <summary>Exec form as given; shell form wrapped in the image's shell (<c>/bin/sh -c</c>).</summary>
    private static List<string> Command(ConfigBuilder config, string rest) =>
        ShellWords.TryParseJsonArray(rest, out var exec) ? exec : [.. config.Shell, rest];

    private static List<string> Words(ConfigBuilder config, string rest)
    {
        var env = config.EnvMap();
        return [.. ShellWords.Split(rest).Select(w => ShellWords.Process(w, env))];
    }

    /// <summary><c>name=value ...</c>, or the legacy <c>name value with spaces</c> form (one pair).</summary>
    private static List<(string Name, string Value)> Pairs(ConfigBuilder config, string keyword, string rest)
    {
        var env = config.EnvMap();
        var words = ShellWords.Split(rest);
        if (!words[0].Contains('='))
        {
            var space = rest.IndexOfAny([' ', '\t']);
            if (space < 0) throw new FormatException($"{keyword} must have two arguments");
            return [(ShellWords.Process(words[0], env), ShellWords.Process(rest[space..].Trim(), env))];
        }
        var pairs = new List<(string, string)>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq < 0) throw new FormatException($"Syntax error - can't find = in \"{word}\". Must be of the form: name=value");
            var name = ShellWords.Process(word[..eq], env);
            if (name.Length == 0) throw new FormatException($"{keyword} names can not be blank");
            pairs.Add((name, ShellWords.Process(word[(eq + 1)..], env)));
        }
        return pairs;
    }

    /// <summary><c>80</c>, <c>80/udp</c>, or a range <c>8000-8002/tcp</c> (first port only is kept as the key).</summary>
    private static string PortKey(string spec)
    {
        var slash = spec.IndexOf('/');
        var ports = slash < 0 ? spec : spec[..slash];
        var proto = slash < 0 ? "tcp" : spec[(slash + 1)..].ToLowerInvariant();
        if (proto is not ("tcp" or "udp" or "sctp")) throw new FormatException($"invalid proto: {proto}");
        var dash = ports.IndexOf('-');
        foreach (var part in dash < 0 ? [ports] : new[] { ports[..dash], ports[(dash + 1)..] })
        {
            if (!ushort.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
                throw new FormatException($"invalid containerPort: {ports}");
        }
        return $"{ports}/{proto}";
    }
}
