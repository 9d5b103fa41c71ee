namespace Berth.Builder.Dockerfile;

/// <summary>
/// The <c># name=value</c> comments BuildKit honours at the very top of a Dockerfile (before any instruction,
/// other comment or blank line).
/// </summary>
public sealed record ParserDirectives
{
    /// <summary>The escape and line-continuation character: <c>\</c> (default) or <c>`</c>.</summary>
    public char Escape { get; init; } = '\\';

    public string? Syntax { get; init; }

    public string? Check { get; init; }
}
