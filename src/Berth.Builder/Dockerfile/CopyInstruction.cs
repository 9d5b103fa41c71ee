namespace Berth.Builder.Dockerfile;

/// <summary>COPY or ADD (<see cref="IsAdd"/>) with their flags; sources and destination raw.</summary>
public sealed record CopyInstruction : Instruction
{
    public required bool IsAdd { get; init; }

    /// <summary>Source paths or URLs; heredoc sources are in <see cref="SourceContents"/> instead.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    public required string Destination { get; init; }

    /// <summary>Inline files from <c>COPY &lt;&lt;EOF dest</c>; each is written under its delimiter name.</summary>
    public IReadOnlyList<Heredoc> SourceContents { get; init; } = [];

    public string? From { get; init; }

    public string? Chown { get; init; }

    public string? Chmod { get; init; }

    public bool Link { get; init; }

    /// <summary>COPY only: <c>--parents</c> keeps the source directory structure.</summary>
    public bool Parents { get; init; }

    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>ADD only: <c>--checksum</c> of a remote source.</summary>
    public string? Checksum { get; init; }

    /// <summary>ADD only: <c>--keep-git-dir</c> for git sources.</summary>
    public bool KeepGitDir { get; init; }

    /// <summary>ADD only: <c>--unpack</c>; null when the flag is absent (archives from the context unpack, URLs do not).</summary>
    public bool? Unpack { get; init; }
}
