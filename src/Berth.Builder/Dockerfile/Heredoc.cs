namespace Berth.Builder.Dockerfile;

/// <summary>
/// A here-document attached to RUN, COPY or ADD. <paramref name="Expand"/> is false when any part of the
/// delimiter was quoted (<c>&lt;&lt;"EOF"</c>), which turns variable expansion of the body off; for
/// <c>&lt;&lt;-EOF</c> the leading tabs are already stripped from <paramref name="Content"/>.
/// </summary>
public sealed record Heredoc(string Name, string Content, bool Expand);
