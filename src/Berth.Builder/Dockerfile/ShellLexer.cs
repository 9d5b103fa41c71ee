using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// BuildKit's shell-word lexer (<c>frontend/dockerfile/shell.Lex</c>): quote removal, the escape character and
/// <c>$VAR</c>/<c>${VAR...}</c> expansion with the modifiers BuildKit supports (<c>:-</c> <c>-</c> <c>:+</c>
/// <c>+</c> <c>:?</c> <c>?</c> <c>#</c> <c>##</c> <c>%</c> <c>%%</c> <c>/</c> <c>//</c>). Unset variables expand
/// to nothing; there is no command substitution, globbing or arithmetic. Safe to share between threads.
/// </summary>
public sealed class ShellLexer
{
    public ShellLexer(char escape = '\\')
    {
        Escape = escape;
    }

    /// <summary>The escape character (the Dockerfile's <c># escape=</c>).</summary>
    public char Escape { get; }

    // The switches BuildKit's parser flips to find heredoc delimiters and to expand heredoc bodies; not part of
    // what a Dockerfile author can reach.
    internal bool RawQuotes { get; init; }

    internal bool RawEscapes { get; init; }

    internal bool SkipProcessQuotes { get; init; }

    internal bool SkipUnsetEnv { get; init; }

    /// <summary>
    /// Expands <paramref name="word"/> as one word: quotes and escapes removed, whitespace kept. Every variable
    /// name looked up (set or not) is added to <paramref name="usedNames"/>.
    /// </summary>
    public string ProcessWord(string word, IReadOnlyDictionary<string, string> env, ISet<string>? usedNames = null) =>
        Run(word, env, usedNames).Result;

    /// <summary>
    /// Expands <paramref name="text"/> and splits it on whitespace that is neither quoted, escaped nor part of a
    /// quoted expansion, as BuildKit's ProcessWords (EXPOSE uses it).
    /// </summary>
    public IReadOnlyList<string> ProcessWords(string text, IReadOnlyDictionary<string, string> env, ISet<string>? usedNames = null) =>
        Run(text, env, usedNames).Words;

    private (string Result, List<string> Words) Run(string text, IReadOnlyDictionary<string, string> env, ISet<string>? usedNames)
    {
        var processor = new ShellWordProcessor(this, text, env, usedNames);
        try
        {
            return processor.ProcessStopOn(ShellWordProcessor.Eof, RawEscapes);
        }
        catch (BerthException e)
        {
            throw BerthException.Invalid($"failed to process {GoText.Quote(text)}: {e.Message}");
        }
    }
}
