using System.Net;
using System.Net.Http.Headers;
using Berth.Oci;

namespace Berth.Distribution;

public sealed partial class RegistryClient
{
    public Task PushBlobAsync(Reference repository, Descriptor blob, Func<Stream> open, IProgress<long>? progress, CancellationToken ct) =>
        OnEndpointsAsync(repository.Domain, pull: false, Push(repository), async (baseUri, scope) =>
        {
            var location = await StartUploadAsync(baseUri, repository, scope, ct).ConfigureAwait(false);
            await using var content = open();
            if (blob.Size > _options.ChunkSize)
                location = await UploadChunksAsync(location, blob.Size, content, scope, progress, ct).ConfigureAwait(false);
            // Small blobs go in the final PUT itself (monolithic upload); a buffered body can be retried.
            var body = blob.Size > _options.ChunkSize ? null : await ReadExactlyAsync(content, blob.Size, ct).ConfigureAwait(false);
            using var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, blob.Digest));
            put.Content = new ByteArrayContent(body ?? []);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await SendAsync(put, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created && !response.IsSuccessStatusCode)
                throw await RegistryErrors.PushAsync(response, ct).ConfigureAwait(false);
            if (body is not null) progress?.Report(body.Length);
            return true;
        }, ct);

    private async Task<Uri> StartUploadAsync(Uri baseUri, Reference repository, RegistryScope scope, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(baseUri, $"/v2/{repository.Path}/blobs/uploads/"));
        using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted) throw await RegistryErrors.PushAsync(response, ct).ConfigureAwait(false);
        return LocationOf(response, request.RequestUri!);
    }

    /// <summary>
    /// Chunked upload (distribution spec, "Pushing a blob in chunks"): PATCH each chunk with its Content-Range,
    /// following the Location the registry hands back. A failed chunk is resumed from where the registry says
    /// it is (GET on the session, its <c>Range</c> header), resending the rest of the chunk still in memory.
    /// </summary>
    private async Task<Uri> UploadChunksAsync(Uri location, long size, Stream content, RegistryScope scope, IProgress<long>? progress, CancellationToken ct)
    {
        var buffer = new byte[_options.ChunkSize];
        long offset = 0;
        while (offset < size)
        {
            var length = (int)Math.Min(_options.ChunkSize, size - offset);
            await content.ReadExactlyAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
            var sent = 0;
            for (var attempt = 1; sent < length; attempt++)
            {
                try
                {
                    location = await PatchAsync(location, buffer.AsMemory(sent, length - sent), offset + sent, scope, ct).ConfigureAwait(false);
                    sent = length;
                }
                catch (BerthException e) when (attempt < _options.MaxAttempts && e.Kind == ErrorKind.Unavailable)
                {
                    (location, var committed) = await UploadStatusAsync(location, scope, ct).ConfigureAwait(false);
                    if (committed < offset || committed > offset + length)
                        throw new BerthException(ErrorKind.Unavailable, $"blob upload resumed at {committed}, expected {offset}..{offset + length}", e);
                    sent = (int)(committed - offset);
                }
            }
            offset += length;
            progress?.Report(offset);
        }
        return location;
    }

    private async Task<Uri> PatchAsync(Uri location, ReadOnlyMemory<byte> chunk, long start, RegistryScope scope, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ReadOnlyMemoryContent(chunk) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // Distribution's Content-Range for uploads has no unit: "<start>-<end>", inclusive.
        request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + chunk.Length - 1}");
        using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted) return LocationOf(response, location);
        var error = await RegistryErrors.PushAsync(response, ct).ConfigureAwait(false);
        throw response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable ? new BerthException(ErrorKind.Unavailable, error.Message) : error;
    }

    /// <summary>Where an upload session stands: the next Location and how many bytes the registry holds.</summary>
    private async Task<(Uri Location, long Committed)> UploadStatusAsync(Uri location, RegistryScope scope, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent) throw await RegistryErrors.PushAsync(response, ct).ConfigureAwait(false);
        long committed = 0;
        if (response.Headers.TryGetValues("Range", out var values) && values.FirstOrDefault() is { } range)
        {
            var dash = range.IndexOf('-');
            if (dash > 0 && long.TryParse(range[(dash + 1)..], out var end)) committed = end + 1;
        }
        return (LocationOf(response, location), committed);
    }

    private static Uri LocationOf(HttpResponseMessage response, Uri requestUri) =>
        response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(requestUri, location)
            : throw BerthException.Invalid("registry answered an upload without a Location");

    private static Uri WithDigest(Uri location, Digest digest)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri(location.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream content, long size, CancellationToken ct)
    {
        var body = new byte[size];
        await content.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return body;
    }
}
