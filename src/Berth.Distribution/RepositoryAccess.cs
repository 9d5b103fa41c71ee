namespace Berth.Distribution;

/// <summary>A repository path and the actions wanted on it (token scope, distribution's token spec).</summary>
internal sealed record RepositoryAccess(string Path, string Actions)
{
    public const string Pull = "pull";
    public const string PullPush = "pull,push";
}
