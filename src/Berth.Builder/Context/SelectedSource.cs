namespace Berth.Builder.Context;

/// <summary>
/// One thing a COPY/ADD source names after wildcards and symlinks are resolved. <see cref="RelativePath"/> is
/// the path as named (inside the root, no leading '/'); <see cref="HostPath"/> is where its content really is
/// (a named symlink is followed inside the root, as BuildKit's COPY does). A directory stands for its content.
/// </summary>
public sealed record SelectedSource(string RelativePath, string HostPath, bool IsDirectory, bool MatchedByWildcard)
{
    /// <summary>
    /// What <c>--parents</c> keeps under the destination: <see cref="RelativePath"/>, or the part after a
    /// "/./" pivot in the source ("src/./app/main.go" keeps "app/main.go").
    /// </summary>
    public string? ParentsPath { get; init; }

    /// <summary>Whether the source comes from the build context, whose files are owned by 0:0 in the image.</summary>
    public bool IsContext { get; init; } = true;

    /// <summary>The ignore and --exclude rules that still apply below a directory source.</summary>
    internal SourceFilter Filter { get; init; } = SourceFilter.None;

    internal string KeptPath => ParentsPath ?? RelativePath;
}
