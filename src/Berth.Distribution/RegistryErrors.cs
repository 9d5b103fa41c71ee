using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Distribution;

/// <summary>
/// Turns registry answers and transport failures into <see cref="BerthException"/> with docker's wording, so a
/// user sees the same message from <c>berth pull</c> as from <c>docker pull</c>.
/// </summary>
internal static class RegistryErrors
{
    public const string AccessDenied = "denied: requested access to the resource is denied";
    public const string BadCredentials = "unauthorized: incorrect username or password";

    /// <summary>Go's net/http rendering: <c>Get "url": dial tcp host:port: connect: connection refused</c>.</summary>
    public static BerthException Connection(HttpMethod method, Uri url, Exception e)
    {
        var verb = method.Method[..1] + method.Method[1..].ToLowerInvariant();
        var endpoint = $"{url.Host}:{url.Port}";
        var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        var detail = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"dial tcp {endpoint}: connect: connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"dial tcp: lookup {url.Host}: no such host",
            SocketError.TimedOut => $"dial tcp {endpoint}: i/o timeout",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"dial tcp {endpoint}: connect: network is unreachable",
            SocketError.ConnectionReset => "read: connection reset by peer",
            _ when e is OperationCanceledException => "net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)",
            _ when e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "tls: " + (e.InnerException?.Message ?? e.Message),
            // HttpClient's own message ("An error occurred while sending the request") says nothing; the innermost
            // cause (a TLS alert, an unexpected end of stream) does.
            _ => Cause(e),
        };
        return new BerthException(ErrorKind.Unavailable, $"{verb} \"{url}\": {detail}", e);
    }

    // The causes below HttpClient's exception, innermost last. A TLS alert from the peer (OpenSSL's text ends in
    // "alert <name>") reads as Go's "remote error: tls: <name>"; otherwise the innermost cause that is not a
    // stream disposed by the failure itself, first line only.
    private static string Cause(Exception e)
    {
        var causes = new List<Exception>();
        for (var cause = e; cause is not null; cause = cause.InnerException) causes.Add(cause);
        const string Alert = " alert ";
        if (causes.Select(c => c.Message).FirstOrDefault(m => m.Contains(Alert, StringComparison.Ordinal)) is { } alert)
            return "remote error: tls: " + alert[(alert.LastIndexOf(Alert, StringComparison.Ordinal) + Alert.Length)..].Trim();
        var useful = causes.LastOrDefault(c => c is not ObjectDisposedException) ?? e;
        return useful.Message.Split('\n')[0].Trim();
    }

    public static async Task<RegistryError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (body.Length == 0 || body.Length > 1 << 20) return null;
            return JsonSerializer.Deserialize(body, DistributionJsonContext.Default.RegistryErrorBody)?.Errors?.FirstOrDefault();
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A failed pull-side request (manifest, blob, tags) for <paramref name="reference"/>.</summary>
    public static async Task<BerthException> PullAsync(HttpResponseMessage response, Reference reference, string what, CancellationToken ct)
    {
        var error = await ReadErrorAsync(response, ct).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound when what == "manifest":
                return BerthException.NotFound($"manifest for {reference.ToFamiliarString()} not found: {error?.ToString() ?? "manifest unknown: manifest unknown"}");
            case HttpStatusCode.NotFound:
                return BerthException.NotFound($"{what} for {reference.FamiliarName} not found: {error?.ToString() ?? what + " unknown"}");
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new BerthException(ErrorKind.PermissionDenied,
                    $"pull access denied for {reference.FamiliarName}, repository does not exist or may require 'docker login': {error?.ToString() ?? AccessDenied}");
            default:
                return Status(response, error);
        }
    }

    /// <summary>A failed push-side request (upload, mount, manifest put).</summary>
    public static async Task<BerthException> PushAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var error = await ReadErrorAsync(response, ct).ConfigureAwait(false);
        // Docker reports every refused push the same way, whatever the registry's code (UNAUTHORIZED, DENIED).
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new BerthException(ErrorKind.PermissionDenied, AccessDenied)
            : Status(response, error);
    }

    public static BerthException Status(HttpResponseMessage response, RegistryError? error)
    {
        var status = (int)response.StatusCode;
        var message = status < 500 && error is not null ? error.ToString() : $"received unexpected HTTP status: {status} {response.ReasonPhrase}";
        var kind = status switch
        {
            >= 500 or 429 => ErrorKind.Unavailable,
            401 or 403 => ErrorKind.PermissionDenied,
            404 => ErrorKind.NotFound,
            409 => ErrorKind.Conflict,
            _ => ErrorKind.InvalidArgument,
        };
        return new BerthException(kind, message);
    }
}
