using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Testing;

/// <summary>
/// An HTTP/1.1 server on raw sockets (request bodies by Content-Length only) for what <see cref="ScriptedServer"/>
/// cannot do: reset a connection (RST, SO_LINGER 0) after reading the request. (HttpListener's
/// <c>Response.Abort()</c> before anything was written still sends an empty 200.) Every response closes its
/// connection, so each request arrives on a fresh one and the client's connection pool cannot quietly resend a
/// request that failed on a reused connection. Requests are recorded as method and path.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Request, int, Response?> _handle;
    private int _count;

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string AbsolutePath => Path.Split('?')[0];

        public System.Collections.Specialized.NameValueCollection Query =>
            System.Web.HttpUtility.ParseQueryString(Path.Contains('?') ? Path[(Path.IndexOf('?') + 1)..] : "");
    }

    /// <summary>An answer; a null one from the script resets the connection instead.</summary>
    public sealed record Response(int Status, byte[] Body, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null);

    /// <param name="handle">(the request, its number from 1) → the answer, or null to reset.</param>
    public RawHttpServer(Func<Request, int, Response?> handle)
    {
        _handle = handle;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Domain => $"127.0.0.1:{Port}";

    public ConcurrentQueue<(string Method, string Path)> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (true)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        try
        {
            var received = new MemoryStream();
            var buffer = new byte[65536];
            int end;
            while ((end = IndexOfHeaderEnd(received)) < 0)
            {
                var read = await socket.ReceiveAsync(buffer);
                if (read == 0) return;
                received.Write(buffer, 0, read);
            }
            var lines = Encoding.ASCII.GetString(received.GetBuffer(), 0, end).Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1).Where(l => l.Contains(':')))
                headers[line[..line.IndexOf(':')].Trim()] = line[(line.IndexOf(':') + 1)..].Trim();
            var length = headers.TryGetValue("Content-Length", out var declared) ? int.Parse(declared) : 0;
            while (received.Length - (end + 4) < length)
            {
                var read = await socket.ReceiveAsync(buffer);
                if (read == 0) return;
                received.Write(buffer, 0, read);
            }
            var body = received.GetBuffer().AsSpan(end + 4, length).ToArray();
            Requests.Enqueue((requestLine[0], requestLine[1]));
            var response = _handle(new Request(requestLine[0], requestLine[1], headers, body), Interlocked.Increment(ref _count));
            if (response is null)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }
            var text = new StringBuilder()
                .Append($"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n")
                .Append($"Content-Length: {response.Body.Length}\r\n")
                .Append("Connection: close\r\n");
            if (response.ContentType is not null) text.Append($"Content-Type: {response.ContentType}\r\n");
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) text.Append($"{name}: {value}\r\n");
            text.Append("\r\n");
            await socket.SendAsync(Encoding.ASCII.GetBytes(text.ToString()));
            if (requestLine[0] != "HEAD") await socket.SendAsync(response.Body);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    private static int IndexOfHeaderEnd(MemoryStream received) =>
        received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8);

    public void Dispose() => _listener.Stop();
}
