using System.Net;
using System.Net.Sockets;
using Berth.Linux;

namespace Berth.Networking.Dns;

/// <summary>
/// Docker's embedded DNS for user networks: a server on 127.0.0.11:53 (UDP, and TCP for answers too long for a
/// datagram) inside one container's network namespace, owned by the container's monitor. Names of containers
/// (and their aliases) on shared networks are answered from <see cref="INameResolver"/>; every other query is
/// relayed unchanged to the host's resolvers from the host's namespace, and SERVFAIL is the answer when none
/// replies.
/// </summary>
public sealed partial class EmbeddedDnsServer : IAsyncDisposable
{
    public const string Address = "127.0.0.11";
    private static readonly TimeSpan UpstreamPatience = TimeSpan.FromSeconds(3);
    private readonly Socket _socket;
    private readonly Socket _listener;
    private readonly INameResolver _resolver;
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private Task _tcpLoop = Task.CompletedTask;

    private EmbeddedDnsServer(Socket socket, Socket listener, INameResolver resolver, IReadOnlyList<IPEndPoint> upstreams)
    {
        _socket = socket;
        _listener = listener;
        _resolver = resolver;
        _upstreams = upstreams;
    }

    /// <summary>Binds 127.0.0.11:53 in the namespace at <paramref name="namespacePath"/> and starts answering.</summary>
    public static EmbeddedDnsServer Start(string namespacePath, INameResolver resolver, IReadOnlyList<IPEndPoint> upstreams)
    {
        // Sockets belong to the namespace they are made in, so both are made there and served from here.
        var (socket, listener) = NetworkNamespace.RunIn(namespacePath, () =>
        {
            var endpoint = new IPEndPoint(IPAddress.Parse(Address), 53);
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                udp.Bind(endpoint);
                tcp.Bind(endpoint);
                tcp.Listen(16);
                return (udp, tcp);
            }
            catch
            {
                udp.Dispose();
                tcp.Dispose();
                throw;
            }
        });
        var server = new EmbeddedDnsServer(socket, listener, resolver, upstreams);
        server._loop = Task.Run(() => server.ServeAsync(server._stop.Token));
        server._tcpLoop = Task.Run(() => server.ServeTcpAsync(server._stop.Token));
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

    /// <summary>
    /// The answer to one query: local names from the resolver, the rest from upstream, over TCP when the query
    /// came over TCP (a client retrying a truncated answer needs the whole one).
    /// </summary>
    internal async Task<byte[]?> RespondAsync(byte[] query, CancellationToken ct, bool overTcp = false)
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
            var reply = overTcp ? await ForwardOverTcpAsync(query, upstream, ct).ConfigureAwait(false) : await ForwardAsync(query, upstream, ct).ConfigureAwait(false);
            if (reply is not null) return reply;
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
        _listener.Dispose();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _tcpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
