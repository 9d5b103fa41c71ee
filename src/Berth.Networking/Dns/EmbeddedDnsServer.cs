using System.Net;
using System.Net.Sockets;
using Berth.Linux;

namespace Berth.Networking.Dns;

/// <summary>
/// Docker's embedded DNS for user networks: a UDP server on 127.0.0.11:53 inside one container's network
/// namespace, owned by the container's monitor. Names of containers (and their aliases) on shared networks are
/// answered from <see cref="INameResolver"/>; every other query is relayed unchanged to the host's resolvers
/// from the host's namespace, and SERVFAIL is the answer when none replies.
/// </summary>
public sealed class EmbeddedDnsServer : IAsyncDisposable
{
    public const string Address = "127.0.0.11";
    private static readonly TimeSpan UpstreamPatience = TimeSpan.FromSeconds(3);
    private readonly Socket _socket;
    private readonly INameResolver _resolver;
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private EmbeddedDnsServer(Socket socket, INameResolver resolver, IReadOnlyList<IPEndPoint> upstreams)
    {
        _socket = socket;
        _resolver = resolver;
        _upstreams = upstreams;
    }

    /// <summary>Binds 127.0.0.11:53 in the namespace at <paramref name="namespacePath"/> and starts answering.</summary>
    public static EmbeddedDnsServer Start(string namespacePath, INameResolver resolver, IReadOnlyList<IPEndPoint> upstreams)
    {
        var socket = NetworkNamespace.RunIn(namespacePath, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Parse(Address), 53));
            return s;
        });
        var server = new EmbeddedDnsServer(socket, resolver, upstreams);
        server._loop = Task.Run(() => server.ServeAsync(server._stop.Token));
        return server;
    }

    private async Task ServeAsync(CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var query = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            _ = AnswerAsync(query, received.RemoteEndPoint, ct);
        }
    }

    private async Task AnswerAsync(byte[] query, EndPoint client, CancellationToken ct)
    {
        try
        {
            var response = await RespondAsync(query, ct).ConfigureAwait(false);
            if (response is not null) await _socket.SendToAsync(response, SocketFlags.None, client, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    /// <summary>The answer to one query: local names from the resolver, the rest from upstream.</summary>
    internal async Task<byte[]?> RespondAsync(byte[] query, CancellationToken ct)
    {
        if (DnsMessage.ReadQuestion(query, out var end) is not { } question) return null;
        if (question.Class == DnsQuestion.ClassIn && _resolver.Resolve(question.Name) is { } addresses)
        {
            // A known name with no address of the asked type is answered empty, not forwarded: a container's
            // AAAA lookup must not leak its peers' names to the host's resolvers (Docker does the same).
            var records = question.Type == DnsQuestion.TypeA ? addresses : [];
            return DnsMessage.Answer(query, end, DnsMessage.NoError, records);
        }
        foreach (var upstream in _upstreams)
        {
            if (await ForwardAsync(query, upstream, ct).ConfigureAwait(false) is { } reply) return reply;
        }
        return DnsMessage.Answer(query, end, DnsMessage.ServerFailure, []);
    }

    private static async Task<byte[]?> ForwardAsync(byte[] query, IPEndPoint upstream, CancellationToken ct)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(UpstreamPatience);
        try
        {
            await socket.SendToAsync(query, SocketFlags.None, upstream, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token).ConfigureAwait(false);
                // Only the reply to this query's ID counts.
                if (received.ReceivedBytes >= 2 && buffer[0] == query[0] && buffer[1] == query[1])
                    return buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
