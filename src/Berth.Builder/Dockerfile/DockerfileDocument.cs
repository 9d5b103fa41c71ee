namespace Berth.Builder.Dockerfile;

/// <summary>
/// A parsed Dockerfile: its parser directives, the ARGs before the first FROM (BuildKit's meta args, visible only
/// to FROM lines unless a stage re-declares them) and its stages in file order.
/// </summary>
public sealed record DockerfileDocument
{
    public required ParserDirectives Directives { get; init; }

    /// <summary>ARG instructions before the first FROM, in order.</summary>
    public required IReadOnlyList<ArgInstruction> MetaArgs { get; init; }

    public required IReadOnlyList<BuildStage> Stages { get; init; }

    /// <summary>
    /// BuildKit's build-check warnings that follow from the file alone (empty continuation lines, stage name
    /// casing and clashes, keyword casing, MAINTAINER), as docker prints them: <c>Rule: message (line N)</c>.
    /// Rules skipped by <c># check=skip=...</c> are left out.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
