using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// Expands variables in the fields BuildKit expands before it runs an instruction (each instruction's Expand in
/// instructions/commands.go): ENV and LABEL keys and values, ARG defaults, COPY/ADD sources, destination,
/// <c>--chown</c>, <c>--chmod</c>, ADD's <c>--checksum</c>, heredoc bodies with an unquoted delimiter, WORKDIR,
/// USER, EXPOSE (split into words), VOLUME, STOPSIGNAL, the values of RUN's <c>--mount</c> fields, and FROM's
/// image and platform. RUN/CMD/ENTRYPOINT commands, HEALTHCHECK and ONBUILD are left to the shell or the child
/// build, as in BuildKit.
/// </summary>
public static class InstructionExpander
{
    private static readonly IReadOnlyDictionary<string, string> NoEnv = new Dictionary<string, string>();

    /// <summary>
    /// Returns a copy of <paramref name="instruction"/> with its expandable fields expanded from
    /// <paramref name="env"/>; names looked up are added to <paramref name="usedNames"/>.
    /// </summary>
    public static T Expand<T>(T instruction, IReadOnlyDictionary<string, string> env, char escape, ISet<string>? usedNames = null)
        where T : Instruction
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var lexer = new ShellLexer(escape);
        string Word(string word) => lexer.ProcessWord(word, env, usedNames);
        string? Optional(string? word) => word is null ? null : Word(word);

        Instruction expanded = instruction switch
        {
            EnvInstruction env1 => env1 with { Pairs = [.. env1.Pairs.Select(p => new KeyValuePair<string, string>(Word(p.Key), Word(p.Value)))] },
            LabelInstruction label => label with { Pairs = [.. label.Pairs.Select(p => new KeyValuePair<string, string>(Word(p.Key), Word(p.Value)))] },
            ArgInstruction arg => arg with { Args = [.. arg.Args.Select(a => a with { DefaultValue = Optional(a.DefaultValue) })] },
            CopyInstruction copy => ExpandCopy(copy, lexer, Word, Optional, env, usedNames),
            WorkdirInstruction workdir => workdir with { Path = Word(workdir.Path) },
            UserInstruction user => user with { User = Word(user.User) },
            ExposeInstruction expose => expose with { Ports = [.. expose.Ports.SelectMany(p => lexer.ProcessWords(p, env, usedNames))] },
            VolumeInstruction volume => volume with { Paths = [.. volume.Paths.Select(Word)] },
            StopSignalInstruction stop => stop with { Signal = Word(stop.Signal) },
            RunInstruction run => run with { Mounts = [.. run.Mounts.Select(m => ExpandMount(m, Word))] },
            FromInstruction stage => stage with { Image = Word(stage.Image), Platform = Optional(stage.Platform) },
            _ => instruction,
        };
        return (T)expanded;
    }

    /// <summary>The FROM image name with the global (pre-FROM) ARGs, as BuildKit resolves a stage's base.</summary>
    public static string ExpandFromImage(string image, IReadOnlyDictionary<string, string> metaArgs, char escape, ISet<string>? usedNames = null) =>
        new ShellLexer(escape).ProcessWord(image, metaArgs, usedNames);

    private static CopyInstruction ExpandCopy(
        CopyInstruction copy, ShellLexer lexer, Func<string, string> word, Func<string?, string?> optional,
        IReadOnlyDictionary<string, string> env, ISet<string>? usedNames)
    {
        if (copy.From is { } source && lexer.ProcessWord(source, NoEnv) != source)
            throw BerthException.Invalid("variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround");
        // Heredoc bodies expand like a here-document in sh: quotes are text, always with the \ escape.
        var bodyLexer = new ShellLexer('\\') { SkipProcessQuotes = true };
        return copy with
        {
            Sources = [.. copy.Sources.Select(word)],
            Destination = word(copy.Destination),
            Chown = optional(copy.Chown),
            Chmod = optional(copy.Chmod),
            Checksum = optional(copy.Checksum),
            SourceContents = [.. copy.SourceContents.Select(h => h.Expand ? h with { Content = bodyLexer.ProcessWord(h.Content, env, usedNames) } : h)],
        };
    }

    // Only the values of key=value fields expand; bare flags such as `ro` stay as written.
    private static string ExpandMount(string mount, Func<string, string> word) =>
        MountFields.Join(MountFields.Split(mount).Select(field =>
        {
            var eq = field.IndexOf('=');
            return eq < 0 ? field : field[..(eq + 1)] + word(field[(eq + 1)..]);
        }));
}
