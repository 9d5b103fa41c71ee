using Berth.Oci;

namespace Berth.Builder.Dockerfile;

internal static partial class InstructionFactory
{
    private static CopyInstruction Copy(SyntaxNode node, bool isAdd)
    {
        var name = isAdd ? "ADD" : "COPY";
        if (node.Args.Count < 2)
            throw BerthException.Invalid($"{name} requires at least two arguments, but only one was provided. Destination could not be determined");
        var flags = Flags(node);
        flags.AddString("chown");
        flags.AddString("chmod");
        flags.AddBool("link");
        flags.AddStrings("exclude");
        if (isAdd)
        {
            flags.AddBool("keep-git-dir");
            flags.AddString("checksum");
            flags.AddBool("unpack");
        }
        else
        {
            flags.AddString("from");
            flags.AddBool("parents");
        }
        flags.Parse();

        var destination = node.Args[^1];
        if (SyntaxTree.TryParseHeredoc(destination) is not null)
            throw BerthException.Invalid($"{name} cannot accept a heredoc as a destination");
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var heredoc in node.Heredocs) bodies[heredoc.Name] = heredoc.Content;
        var sources = new List<string>();
        var contents = new List<Heredoc>();
        foreach (var source in node.Args.Take(node.Args.Count - 1))
        {
            if (SyntaxTree.TryParseHeredoc(source) is { } heredoc)
                contents.Add(ToHeredoc(heredoc with { Content = bodies.GetValueOrDefault(heredoc.Name, "") }));
            else
                sources.Add(source);
        }

        return new CopyInstruction
        {
            Line = node.StartLine,
            EndLine = node.EndLine,
            Original = Code(node),
            IsAdd = isAdd,
            Sources = sources,
            Destination = destination,
            SourceContents = contents,
            From = NonEmpty(flags.String("from")),
            Chown = NonEmpty(flags.String("chown")),
            Chmod = NonEmpty(flags.String("chmod")),
            Link = flags.Bool("link"),
            Parents = flags.Bool("parents"),
            Excludes = flags.Strings("exclude"),
            Checksum = NonEmpty(flags.String("checksum")),
            KeepGitDir = flags.Bool("keep-git-dir"),
            Unpack = flags.IsUsed("unpack") ? flags.Bool("unpack") : null,
        };
    }

    // BuildKit treats --chown= and no --chown alike.
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
