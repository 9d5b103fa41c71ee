using System.Collections.Concurrent;
using System.Net;

namespace Berth.Testing;

/// <summary>
/// A tiny HTTP server whose answers the test scripts, for misbehaviour a real registry cannot produce. Every
/// request is recorded (method, path and query, Authorization header).
/// </summary>
public sealed class ScriptedServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, int, Task> _handle;
    private int _count;

    public ScriptedServer(Func<HttpListenerContext, int, Task> handle, string host = "127.0.0.1")
    {
        _handle = handle;
        Host = host;
        // The port can be taken between finding it free and binding it (tests run in parallel): try another.
        for (var attempt = 1; ; attempt++)
        {
            Port = Ports.Free();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://{host}:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Host { get; }

    public string Domain => $"{Host}:{Port}";

    public ConcurrentQueue<(string Method, string Path, string? Authorization)> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(async () =>
            {
                Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"]));
                try
                {
                    await _handle(context, Interlocked.Increment(ref _count));
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException) { }
            });
        }
    }

    public static async Task WriteAsync(HttpListenerContext context, int status, byte[] body, string? contentType = null)
    {
        context.Response.StatusCode = status;
        if (contentType is not null) context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
    }

    public void Dispose()
    {
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed HttpListener looks its endpoint up again while closing and, when that entry is gone,
            // binds the port anew, which fails once another test owns it: the server is down either way.
        }
    }
}
