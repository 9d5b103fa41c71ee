using System.Net;
using System.Net.Http.Headers;
using Berth.Oci;

namespace Berth.Distribution;

public sealed partial class RegistryClient
{
    public Task<Stream> OpenBlobAsync(Reference repository, Descriptor blob, long offset, CancellationToken ct)
    {
        if (offset > 0 && offset >= blob.Size) return Task.FromResult<Stream>(new MemoryStream([], writable: false));
        return OnEndpointsAsync(repository.Domain, pull: true, Pull(repository), async (baseUri, scope) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url(baseUri, $"/v2/{repository.Path}/blobs/{blob.Digest}"));
            if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);
            var response = await SendAsync(request, scope, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                using (response) throw await RegistryErrors.PullAsync(response, repository, "blob", ct).ConfigureAwait(false);
            }
            Stream body = new ResponseStream(response, await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            // A server that ignores Range answers 200 with the whole blob: skip what the caller already has.
            if (offset > 0 && response.StatusCode == HttpStatusCode.OK) await SkipAsync(body, offset, ct).ConfigureAwait(false);
            return body;
        }, ct);
    }

    public Task<bool> BlobExistsAsync(Reference repository, Digest digest, CancellationToken ct) =>
        OnEndpointsAsync(repository.Domain, pull: false, Pull(repository), async (baseUri, scope) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, Url(baseUri, $"/v2/{repository.Path}/blobs/{digest}"));
            using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return true;
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            throw await RegistryErrors.PullAsync(response, repository, "blob", ct).ConfigureAwait(false);
        }, ct);

    public Task<bool> TryMountBlobAsync(Reference repository, Digest digest, Reference fromRepository, CancellationToken ct)
    {
        if (fromRepository.Domain != repository.Domain) return Task.FromResult(false);
        IReadOnlyList<RepositoryAccess> access = [new(repository.Path, RepositoryAccess.PullPush), new(fromRepository.Path, RepositoryAccess.Pull)];
        return OnEndpointsAsync(repository.Domain, pull: false, access, async (baseUri, scope) =>
        {
            var query = $"?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository.Path)}";
            using var request = new HttpRequestMessage(HttpMethod.Post, Url(baseUri, $"/v2/{repository.Path}/blobs/uploads/{query}"));
            using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Created) return true;
            if (response.StatusCode != HttpStatusCode.Accepted) throw await RegistryErrors.PushAsync(response, ct).ConfigureAwait(false);
            // Not mounted: the registry opened an upload session instead; cancel it rather than leave it dangling.
            if (response.Headers.Location is { } location)
            {
                using var cancel = new HttpRequestMessage(HttpMethod.Delete, new Uri(request.RequestUri!, location));
                try
                {
                    using var _ = await SendAsync(cancel, scope, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                }
                catch (BerthException)
                {
                    // Best effort: registries garbage-collect abandoned sessions.
                }
            }
            return false;
        }, ct);
    }

    private static async Task SkipAsync(Stream body, long count, CancellationToken ct)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), ct).ConfigureAwait(false);
            if (read == 0) throw new BerthException(ErrorKind.Unavailable, "unexpected EOF");
            count -= read;
        }
    }
}
