using System.Diagnostics;
using System.Text;

namespace Berth.Testing;

/// <summary>
/// The CNCF registry (<c>/usr/bin/docker-registry</c>, distribution 2.8) on a free 127.0.0.1 port with its
/// storage in a temp directory; <paramref name="extraConfig"/> adds YAML sections (tls under http, auth).
/// </summary>
public sealed class RegistryProcess : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;
    private readonly TempDir _dir = new();

    public int Port { get; } = Ports.Free();

    public string Host { get; }

    public string Domain => $"{Host}:{Port}";

    public string TempPath => _dir.Path;

    public static bool Available => File.Exists(Binary);

    public RegistryProcess(string host = "127.0.0.1", string? httpExtra = null, string? extraConfig = null, Action<TempDir>? prepare = null)
    {
        Host = host;
        prepare?.Invoke(_dir);
        var config = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:\n  level: error\n  accesslog:\n    disabled: true")
            .AppendLine($"storage:\n  filesystem:\n    rootdirectory: {_dir["data"]}\n  delete:\n    enabled: true")
            .AppendLine($"http:\n  addr: 127.0.0.1:{Port}")
            .Append(httpExtra ?? "")
            .AppendLine()
            .Append(extraConfig ?? "");
        File.WriteAllText(_dir["config.yml"], config.ToString());
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(_dir["config.yml"]);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // A registry that demands client certificates answers no anonymous probe: an accepted connection will do.
        if (httpExtra?.Contains("clientcas:") == true) WaitListening();
        else WaitReady(httpExtra?.Contains("tls:") == true ? "https" : "http");
    }

    private void WaitListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"registry exited with {_process.ExitCode}");
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { Thread.Sleep(50); }
        }
        throw new TimeoutException("registry did not listen");
    }

    private void WaitReady(string scheme)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"registry exited with {_process.ExitCode}");
            try
            {
                using var _ = http.GetAsync($"{scheme}://127.0.0.1:{Port}/v2/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException) { Thread.Sleep(50); }
            catch (TaskCanceledException) { }
        }
        throw new TimeoutException("registry did not answer /v2/");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _dir.Dispose();
    }
}
