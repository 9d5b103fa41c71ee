namespace Berth.Builder.Dockerfile;

/// <summary>
/// A RUN, CMD or ENTRYPOINT command: the JSON (exec) form gives its words and <paramref name="PrependShell"/>
/// false; the shell form gives one word, the text as written, and true (the image's SHELL runs it).
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Words, bool PrependShell);
