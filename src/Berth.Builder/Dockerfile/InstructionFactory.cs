using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// Turns a <see cref="SyntaxNode"/> into its typed instruction with BuildKit's checks and messages
/// (instructions/parse.go): argument counts, flags per instruction, stage names, ONBUILD triggers.
/// </summary>
internal static partial class InstructionFactory
{
    private static readonly string[] Keywords =
    [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ];

    public static Instruction Create(SyntaxNode node) => node.Command.ToLowerInvariant() switch
    {
        "env" => new EnvInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Pairs = Pairs(node, "ENV") },
        "label" => new LabelInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Pairs = Pairs(node, "LABEL") },
        "maintainer" => Maintainer(node),
        "add" => Copy(node, isAdd: true),
        "copy" => Copy(node, isAdd: false),
        "from" => From(node),
        "onbuild" => Onbuild(node),
        "workdir" => new WorkdirInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Path = ExactlyOne(node, "WORKDIR", parseFlags: true) },
        "run" => Run(node),
        "cmd" => new CmdInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Command = CommandOf(node) },
        "entrypoint" => new EntrypointInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Command = CommandOf(node) },
        "healthcheck" => Healthcheck(node),
        "expose" => Expose(node),
        "user" => new UserInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), User = ExactlyOne(node, "USER", parseFlags: true) },
        "volume" => Volume(node),
        // BuildKit never parses STOPSIGNAL's flags, so any are ignored.
        "stopsignal" => new StopSignalInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Signal = ExactlyOne(node, "STOPSIGNAL", parseFlags: false) },
        "arg" => Arg(node),
        "shell" => Shell(node),
        _ => throw BerthException.Invalid(Suggestion.Wrap($"unknown instruction: {node.Command}", node.Command, Keywords, caseSensitive: false)),
    };

    /// <summary>What BuildKit prints for an instruction (its withNameAndCode code): the joined line, trimmed.</summary>
    private static string Code(SyntaxNode node) => node.Original.Trim();

    private static InstructionFlags Flags(SyntaxNode node) => new(node.Flags);

    private static void NoFlags(SyntaxNode node) => Flags(node).Parse();

    private static IReadOnlyList<KeyValuePair<string, string>> Pairs(SyntaxNode node, string name)
    {
        NoFlags(node);
        if (node.Args.Count == 0) throw BerthException.Invalid($"{name} requires at least one argument");
        if (node.Args.Count % 3 != 0) throw BerthException.Invalid($"Bad input to {name}, too many arguments");
        var pairs = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < node.Args.Count; i += 3)
        {
            if (node.Args[i].Length == 0) throw BerthException.Invalid($"{name} names can not be blank");
            pairs.Add(new(node.Args[i], node.Args[i + 1]));
        }
        return pairs;
    }

    private static string ExactlyOne(SyntaxNode node, string name, bool parseFlags)
    {
        if (node.Args.Count != 1) throw BerthException.Invalid($"{name} requires exactly one argument");
        if (parseFlags) NoFlags(node);
        return node.Args[0];
    }

    private static MaintainerInstruction Maintainer(SyntaxNode node) => new()
    {
        Line = node.StartLine,
        EndLine = node.EndLine,
        Original = Code(node),
        Maintainer = ExactlyOne(node, "MAINTAINER", parseFlags: true),
    };

    private static FromInstruction From(SyntaxNode node)
    {
        var args = node.Args;
        string? stageName = null;
        if (args.Count == 3 && args[1].Equals("as", StringComparison.OrdinalIgnoreCase))
        {
            stageName = args[2].ToLowerInvariant();
            if (!StageNameRegex().IsMatch(stageName))
                throw BerthException.Invalid($"invalid name for build stage: {GoText.Quote(args[2])}, name can't start with a number or contain symbols");
        }
        else if (args.Count != 1)
        {
            throw BerthException.Invalid("FROM requires either one or three arguments");
        }
        var flags = Flags(node);
        flags.AddString("platform");
        flags.Parse();
        return new FromInstruction
        {
            Line = node.StartLine,
            EndLine = node.EndLine,
            Original = Code(node),
            Image = args[0],
            StageName = stageName,
            Platform = flags.IsUsed("platform") ? flags.String("platform") : null,
        };
    }

    private static OnbuildInstruction Onbuild(SyntaxNode node)
    {
        if (node.Args.Count == 0) throw BerthException.Invalid("ONBUILD requires at least one argument");
        NoFlags(node);
        var trigger = node.Args[0].Trim().ToUpperInvariant();
        switch (trigger)
        {
            case "ONBUILD":
                throw BerthException.Invalid("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER" or "FROM":
                throw BerthException.Invalid($"{trigger} isn't allowed as an ONBUILD trigger");
        }
        var expression = OnbuildPrefixRegex().Replace(node.Original, "", 1);
        foreach (var heredoc in node.Heredocs) expression += "\n" + heredoc.Content + heredoc.Name;
        return new OnbuildInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Expression = expression };
    }

    private static ExposeInstruction Expose(SyntaxNode node)
    {
        if (node.Args.Count == 0) throw BerthException.Invalid("EXPOSE requires at least one argument");
        NoFlags(node);
        return new ExposeInstruction
        {
            Line = node.StartLine,
            EndLine = node.EndLine,
            Original = Code(node),
            Ports = [.. node.Args.Order(StringComparer.Ordinal)],
        };
    }

    private static VolumeInstruction Volume(SyntaxNode node)
    {
        if (node.Args.Count == 0) throw BerthException.Invalid("VOLUME requires at least one argument");
        NoFlags(node);
        var paths = new List<string>();
        foreach (var arg in node.Args)
        {
            var path = arg.Trim();
            if (path.Length == 0) throw BerthException.Invalid("VOLUME specified can not be an empty string");
            paths.Add(path);
        }
        return new VolumeInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Paths = paths };
    }

    private static ArgInstruction Arg(SyntaxNode node)
    {
        // BuildKit never parses ARG's flags, so any are ignored.
        if (node.Args.Count == 0) throw BerthException.Invalid("ARG requires at least one argument");
        var args = new List<ArgDeclaration>();
        foreach (var arg in node.Args)
        {
            var eq = arg.IndexOf('=');
            if (eq == 0) throw BerthException.Invalid("ARG names can not be blank");
            args.Add(eq < 0 ? new ArgDeclaration(arg, null) : new ArgDeclaration(arg[..eq], arg[(eq + 1)..]));
        }
        return new ArgInstruction { Line = node.StartLine, EndLine = node.EndLine, Original = Code(node), Args = args };
    }

    [GeneratedRegex(@"\A[a-z][a-z0-9_.-]*\z")]
    private static partial Regex StageNameRegex();

    [GeneratedRegex(@"^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnbuildPrefixRegex();
}
