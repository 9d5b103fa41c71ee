namespace Berth.Distribution;

/// <summary>
/// What one request is allowed to ask a registry for: the endpoint it authenticates against (credentials and
/// tokens are never sent to another host, e.g. after a blob redirect) and the repositories with their actions
/// (<c>pull</c>, <c>pull,push</c>) that become the bearer token's <c>scope</c>.
/// </summary>
internal sealed record RegistryScope(string Authority, IReadOnlyList<RepositoryAccess> Access, Credential? Credential)
{
    public static readonly HttpRequestOptionsKey<RegistryScope> Key = new("berth.registry-scope");

    /// <summary>Login: fetch a fresh token even when one is cached, so a wrong password is noticed.</summary>
    public bool ForceToken { get; init; }

    /// <summary>The token service's scope parameters, <c>repository:&lt;path&gt;:&lt;actions&gt;</c>.</summary>
    public IEnumerable<string> ScopeParameters => Access.Select(a => $"repository:{a.Path}:{a.Actions}");

    public string CacheKey => string.Join(' ', ScopeParameters);
}
