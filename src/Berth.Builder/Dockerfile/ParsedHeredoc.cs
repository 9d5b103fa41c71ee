namespace Berth.Builder.Dockerfile;

/// <summary>A heredoc as the line parser reads it: <paramref name="Chomp"/> is <c>&lt;&lt;-</c> (tabs not yet stripped).</summary>
internal sealed record ParsedHeredoc(string Name, string Content, bool Expand, bool Chomp);
