using System.Net;
using System.Net.Sockets;

namespace Berth.Distribution;

/// <summary>
/// Retries transient failures: refused or reset connections, timeouts, 429 (honoring <c>Retry-After</c>) and
/// 502/503/504, with exponential backoff and full jitter, up to <see cref="RegistryOptions.MaxAttempts"/>.
/// A request whose body cannot be sent twice (a streamed upload PATCH or PUT) is retried only when the
/// connection was refused, i.e. nothing of it left this machine.
/// </summary>
internal sealed class RetryHandler(RegistryOptions options) : DelegatingHandler
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var max = Math.Max(1, options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (attempt < max && IsTransient(e) && (IsReplayable(request) || IsRefused(e)))
            {
                await Task.Delay(Backoff(attempt), options.Time, ct).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && attempt < max && IsReplayable(request))
            {
                await Task.Delay(Backoff(attempt), options.Time, ct).ConfigureAwait(false);
                continue;
            }
            if (attempt >= max || !IsTransient(response.StatusCode) || !IsReplayable(request)) return response;
            var delay = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            await Task.Delay(delay, options.Time, ct).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsTransient(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
        || e.InnerException is SocketException or IOException;

    internal static bool IsRefused(HttpRequestException e) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    /// <summary>Safe to send again: no body, or a buffered body on an idempotent method.</summary>
    private static bool IsReplayable(HttpRequestMessage request)
    {
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Delete) return true;
        if (request.Content is null) return true;
        return request.Method == HttpMethod.Put && request.Content is ByteArrayContent;
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        // Full jitter (half fixed, half random) so many clients do not retry in lockstep.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? delay = header?.Delta ?? (header?.Date is { } date ? date - options.Time.GetUtcNow() : null);
        if (delay is null) return null;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }
}
