using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Distribution;

public sealed partial class RegistryClient
{
    /// <summary>Manifests are small documents; a larger answer is refused before it is buffered (containerd's limit).</summary>
    internal const int MaxManifestBytes = 4 << 20;

    private static readonly string[] ManifestTypes = [MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest];
    private const string Schema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    private const string Schema1 = "application/vnd.docker.distribution.manifest.v1+json";

    public Task<FetchedManifest> GetManifestAsync(Reference reference, CancellationToken ct)
    {
        var target = reference.Digest?.ToString() ?? reference.Tag ?? Reference.DefaultTag;
        return OnEndpointsAsync(reference.Domain, pull: true, Pull(reference), async (baseUri, scope) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(baseUri, $"/v2/{reference.Path}/manifests/{target}"));
            foreach (var type in ManifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw await RegistryErrors.PullAsync(response, reference, "manifest", ct).ConfigureAwait(false);
            var content = await ReadCappedAsync(response.Content, ct).ConfigureAwait(false);
            var digest = Digest.Compute(content);
            if (reference.Digest is { } wanted && wanted != digest)
                throw BerthException.Invalid($"manifest verification failed for digest {wanted}");
            if (response.Headers.TryGetValues("Docker-Content-Digest", out var headers)
                && Digest.TryParse(headers.FirstOrDefault(), out var reported) && reported.Algorithm == Digest.Sha256 && reported != digest)
                throw BerthException.Invalid($"manifest verification failed for digest {reported}: content digest is {digest}");
            var mediaType = ManifestMediaType(reference, response.Content.Headers.ContentType?.MediaType, content);
            return new FetchedManifest(new Descriptor { MediaType = mediaType, Digest = digest, Size = content.Length }, content);
        }, ct);
    }

    public Task<Digest> PutManifestAsync(Reference reference, string mediaType, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var target = reference.Tag ?? reference.Digest?.ToString() ?? Reference.DefaultTag;
        return OnEndpointsAsync(reference.Domain, pull: false, Push(reference), async (baseUri, scope) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Url(baseUri, $"/v2/{reference.Path}/manifests/{target}"))
            {
                Content = new ByteArrayContent(content.ToArray()),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = await SendAsync(request, scope, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created && !response.IsSuccessStatusCode)
                throw await RegistryErrors.PushAsync(response, ct).ConfigureAwait(false);
            return response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Digest.TryParse(values.FirstOrDefault(), out var d)
                ? d
                : Digest.Compute(content.Span);
        }, ct);
    }

    /// <summary>
    /// The media type of a served manifest: the Content-Type when it is one of the four manifest types, else the
    /// document's own <c>mediaType</c> or shape (registries serving OCI documents as <c>application/json</c>).
    /// </summary>
    private static string ManifestMediaType(Reference reference, string? contentType, byte[] content)
    {
        if (contentType is Schema1 or Schema1Signed) throw Schema1Rejected(reference);
        if (contentType is not null && ManifestTypes.Contains(contentType)) return contentType;
        ManifestProbe? probe;
        try
        {
            probe = JsonSerializer.Deserialize(content, OciJsonContext.Default.ManifestProbe);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"malformed manifest for {reference.ToFamiliarString()}: {e.Message}", e);
        }
        if (probe is { SchemaVersion: 1 } || probe?.MediaType is Schema1 or Schema1Signed) throw Schema1Rejected(reference);
        var effective = probe?.EffectiveMediaType;
        if (effective is not null && ManifestTypes.Contains(effective)) return effective;
        throw BerthException.Invalid($"unsupported manifest media type \"{probe?.MediaType ?? contentType}\" for {reference.ToFamiliarString()}");
    }

    private static BerthException Schema1Rejected(Reference reference) => BerthException.Invalid(
        $"[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed. " +
        $"Suggest the author of {reference.ToFamiliarString()} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. " +
        "More information at https://docs.docker.com/go/deprecated-image-specs/");

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxManifestBytes) throw BerthException.Invalid("manifest too large");
        using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxManifestBytes) throw BerthException.Invalid("manifest too large");
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new BerthException(ErrorKind.Unavailable, "unexpected EOF", e);
        }
        return buffer.ToArray();
    }
}
