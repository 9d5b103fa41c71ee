namespace Berth.Builder.Context;

/// <summary>
/// Which entries below a selected directory are visible: the context's ignore rules, matched against paths
/// relative to the context root (<see cref="RootPrefix"/> is the directory's real path there), and the COPY's
/// <c>--exclude</c> patterns, matched against paths relative to the selected directory as BuildKit's copier
/// matches them.
/// </summary>
internal sealed record SourceFilter(IgnorePatterns Ignore, string RootPrefix, IgnorePatterns Exclude)
{
    public static SourceFilter None { get; } = new(IgnorePatterns.Empty, "", IgnorePatterns.Empty);

    public bool IsEmpty => Ignore.IsEmpty && Exclude.IsEmpty;

    /// <summary>Hidden outright; a hidden directory may still show content that an exception re-includes.</summary>
    public bool IsHidden(string relative) =>
        Ignore.IsExcluded(GoPath.Join(RootPrefix, relative)) || Exclude.IsExcluded(relative);

    /// <summary>Whether a hidden directory is worth walking for re-included content.</summary>
    public bool MayReinclude(string relative) =>
        (Ignore.IsEmpty || !Ignore.IsExcluded(GoPath.Join(RootPrefix, relative)) || Ignore.HasExceptions) &&
        (Exclude.IsEmpty || !Exclude.IsExcluded(relative) || Exclude.HasExceptions);
}
