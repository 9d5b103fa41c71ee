using Berth.Oci;

namespace Berth.Images;

/// <summary>The knobs of <c>docker import</c>: source name, commit message, <c>--change</c> lines, clock, platform.</summary>
public sealed record ImportOptions
{
    /// <summary>Where the tarball came from as docker prints it: <c>-</c> for stdin, else the file or URL.</summary>
    public string Source { get; init; } = "-";

    /// <summary>The <c>--message</c>; when empty the comment is <c>Imported from &lt;Source&gt;</c>, as docker writes.</summary>
    public string? Message { get; init; }

    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>The clock that stamps <c>created</c>; tests pass a fixed one for reproducible image IDs.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The platform written into the config; the host when null.</summary>
    public Platform? Platform { get; init; }
}
