using System.Collections.Concurrent;

namespace Berth.Distribution;

/// <summary>
/// Bearer tokens per (realm, service, scope), kept until their <c>expires_in</c> (60 seconds when absent, the
/// token spec's default) runs out. One cache per client: no static state.
/// </summary>
internal sealed class TokenCache(TimeProvider time)
{
    private const int DefaultLifetimeSeconds = 60;
    private readonly ConcurrentDictionary<(string Realm, string Service, string Scope), (string Token, DateTimeOffset Expires)> _tokens = new();

    public string? Get(string realm, string service, string scope) =>
        _tokens.TryGetValue((realm, service, scope), out var entry) && entry.Expires > time.GetUtcNow() ? entry.Token : null;

    public void Put(string realm, string service, string scope, string token, int? expiresIn)
    {
        // A few seconds' margin so a token does not expire between the lookup and the registry's check.
        var lifetime = TimeSpan.FromSeconds(Math.Max(expiresIn ?? DefaultLifetimeSeconds, 10) - 5);
        _tokens[(realm, service, scope)] = (token, time.GetUtcNow() + lifetime);
    }

    public void Remove(string realm, string service, string scope) => _tokens.TryRemove((realm, service, scope), out _);
}
