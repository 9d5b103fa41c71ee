using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

internal static partial class InstructionFactory
{
    private static readonly string[] NetworkModes = ["default", "none", "host"];
    private static readonly string[] SecurityModes = ["insecure", "sandbox"];

    // Shell form joins the words back into one string for the image's SHELL; exec form keeps them.
    private static IReadOnlyList<string> JsonArgs(IReadOnlyList<string> args, bool json) =>
        args.Count == 0 ? [] : json ? args : [string.Join(' ', args)];

    private static CommandLine CommandOf(SyntaxNode node)
    {
        NoFlags(node);
        return new CommandLine(JsonArgs(node.Args, node.Json), !node.Json);
    }

    private static RunInstruction Run(SyntaxNode node)
    {
        var flags = Flags(node);
        flags.AddStrings("device");
        flags.AddStrings("mount");
        flags.AddString("network");
        flags.AddString("security");
        flags.Parse();
        var mounts = flags.Strings("mount");
        foreach (var mount in mounts) CheckMount(mount);
        var network = flags.IsUsed("network") ? flags.String("network") : null;
        if (network is not null && !NetworkModes.Contains(network))
            throw BerthException.Invalid($"invalid network mode {GoText.Quote(network)}");
        var security = flags.IsUsed("security") ? flags.String("security") : null;
        if (security is not null && !SecurityModes.Contains(security))
            throw BerthException.Invalid($"security {GoText.Quote(security)} is not valid");
        return new RunInstruction
        {
            Line = node.StartLine,
            EndLine = node.EndLine,
            Original = Code(node),
            Command = new CommandLine(JsonArgs(node.Args, node.Json), !node.Json),
            Heredocs = [.. node.Heredocs.Select(ToHeredoc)],
            Mounts = mounts,
            Network = network,
            Security = security,
            Devices = flags.Strings("device"),
        };
    }

    // What BuildKit checks of a mount before variables are known: CSV syntax and a from= without variables.
    private static void CheckMount(string mount)
    {
        foreach (var field in MountFields.Split(mount))
        {
            var eq = field.IndexOf('=');
            if (eq < 0 || !field[..eq].Equals("from", StringComparison.OrdinalIgnoreCase)) continue;
            var value = field[(eq + 1)..];
            var dollar = value.IndexOf('$');
            if (dollar != -1 && dollar != value.Length - 1)
                throw BerthException.Invalid("'from' doesn't support variable expansion, define alias stage instead");
        }
    }

    private static ShellInstruction Shell(SyntaxNode node)
    {
        NoFlags(node);
        var shell = JsonArgs(node.Args, node.Json);
        if (shell.Count == 0) throw BerthException.Invalid("SHELL requires at least one argument");
        if (!node.Json) throw BerthException.Invalid("SHELL requires the arguments to be in JSON form");
        return new ShellInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Shell = shell };
    }

    private static HealthcheckInstruction Healthcheck(SyntaxNode node)
    {
        if (node.Args.Count == 0) throw BerthException.Invalid("HEALTHCHECK requires at least one argument");
        var type = node.Args[0].ToUpperInvariant();
        var args = node.Args.Skip(1).ToList();
        HealthConfig health;
        if (type == "NONE")
        {
            // BuildKit does not look at flags for NONE.
            if (args.Count != 0) throw BerthException.Invalid("HEALTHCHECK NONE takes no arguments");
            health = new HealthConfig { Test = [type] };
        }
        else
        {
            var flags = Flags(node);
            string[] durations = ["interval", "timeout", "start-period", "start-interval"];
            foreach (var name in durations) flags.AddString(name);
            flags.AddString("retries");
            flags.Parse();
            if (type != "CMD") throw BerthException.Invalid($"Unknown type {GoText.Quote(type)} in HEALTHCHECK (try CMD)");
            var command = JsonArgs(args, node.Json);
            if (command.Count == 0) throw BerthException.Invalid("Missing command after HEALTHCHECK CMD");
            var values = durations.Select(name => Interval(name, flags.String(name))).ToArray();
            int? retries = null;
            var retriesText = flags.String("retries");
            if (!string.IsNullOrEmpty(retriesText))
            {
                var parsed = GoNumbers.ParseInt32(retriesText);
                if (parsed < 0) throw BerthException.Invalid($"--retries cannot be negative ({parsed})");
                retries = parsed == 0 ? null : parsed;
            }
            health = new HealthConfig
            {
                Test = [node.Json ? "CMD" : "CMD-SHELL", .. command],
                Interval = values[0],
                Timeout = values[1],
                StartPeriod = values[2],
                StartInterval = values[3],
                Retries = retries,
            };
        }
        return new HealthcheckInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Health = health };
    }

    // Zero or absent means "use the default" (null here, omitted from the image config as docker does).
    private static long? Interval(string name, string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var nanoseconds = GoNumbers.ParseDuration(text);
        if (nanoseconds == 0) return null;
        if (nanoseconds < 1_000_000) throw BerthException.Invalid($"Interval {GoText.Quote(name)} cannot be less than 1ms");
        return nanoseconds;
    }

    private static Heredoc ToHeredoc(ParsedHeredoc heredoc) =>
        new(heredoc.Name, heredoc.Chomp ? LeadingTabsRegex().Replace(heredoc.Content, "") : heredoc.Content, heredoc.Expand);

    [GeneratedRegex("^\t+", RegexOptions.Multiline)]
    private static partial Regex LeadingTabsRegex();
}
