using System.Collections.Concurrent;

namespace Berth.Distribution.Tests.Fixtures;

/// <summary>Credentials held in memory, keyed as <see cref="DockerConfigCredentialStore.KeyOf"/> does.</summary>
internal sealed class MemoryCredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<string, Credential> _entries = new();

    public MemoryCredentialStore(string? registry = null, Credential? credential = null)
    {
        if (registry is not null && credential is not null) _entries[DockerConfigCredentialStore.KeyOf(registry)] = credential;
    }

    public Task<Credential?> GetAsync(string registry, CancellationToken ct) =>
        Task.FromResult(_entries.TryGetValue(DockerConfigCredentialStore.KeyOf(registry), out var c) ? c : null);

    public Task StoreAsync(string registry, Credential credential, CancellationToken ct)
    {
        _entries[DockerConfigCredentialStore.KeyOf(registry)] = credential;
        return Task.CompletedTask;
    }

    public Task<bool> EraseAsync(string registry, CancellationToken ct) =>
        Task.FromResult(_entries.TryRemove(DockerConfigCredentialStore.KeyOf(registry), out _));
}
