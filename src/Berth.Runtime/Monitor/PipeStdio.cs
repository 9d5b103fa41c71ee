using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Runtime.Attach;
using Berth.Runtime.Logs;
using Berth.Runtime.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Monitor;

/// <summary>
/// A container without a terminal: runc passes its own stdio to the container, so the monitor hands runc the
/// write ends of an stdout and an stderr pipe (and the read end of a stdin pipe with <c>-i</c>) and keeps the
/// other ends. Without <c>-i</c> the container's stdin is /dev/null, as in docker.
/// </summary>
public sealed class PipeStdio(bool openStdin) : MonitorStdio
{
    private SafeFileHandle? _stdout;
    private SafeFileHandle? _stderr;
    private SafeFileHandle? _stdin;
    private FileStream? _stdoutReader;
    private FileStream? _stderrReader;
    private readonly CancellationTokenSource _stop = new();
    private Task _stdinPump = Task.CompletedTask;

    public override async Task LaunchAsync(IOciRuntime runtime, string id, string bundle, string pidFile, IReadOnlyList<SafeHandle> passed, CancellationToken ct)
    {
        var (outRead, outWrite) = Pipe.Create();
        var (errRead, errWrite) = Pipe.Create();
        _stdout = outRead;
        _stderr = errRead;
        SafeFileHandle? inRead = null;
        if (openStdin) (inRead, _stdin) = Pipe.Create();
        try
        {
            await runtime.RunDetachedAsync(id, bundle, new RuntimeIo(inRead, outWrite, errWrite) { Passed = passed }, null, pidFile, ct).ConfigureAwait(false);
        }
        finally
        {
            // The container holds its ends now; ours must go, or the pipes never reach end of file.
            outWrite.Dispose();
            errWrite.Dispose();
            inRead?.Dispose();
        }
    }

    public override Task StartPumps(JsonFileLogWriter log, AttachServer attach)
    {
        _stdoutReader = new FileStream(_stdout!, FileAccess.Read, bufferSize: 0);
        _stderrReader = new FileStream(_stderr!, FileAccess.Read, bufferSize: 0);
        if (_stdin is not null) _stdinPump = FeedStdinAsync(attach, _stdin, _stop.Token);
        return Task.WhenAll(
            Task.Run(() => PumpAsync(_stdoutReader, LogStream.Stdout, log, attach)),
            Task.Run(() => PumpAsync(_stderrReader, LogStream.Stderr, log, attach)));
    }

    public override void CloseOutput()
    {
        _stop.Cancel();
        _stdoutReader?.Dispose();
        _stderrReader?.Dispose();
        _stdin?.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        CloseOutput();
        await _stdinPump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _stdout?.Dispose();
        _stderr?.Dispose();
    }

    // Clients' stdin goes to the container until a client closes its stdin (an empty chunk): like docker's
    // StdinOnce, that closes the container's stdin so it reads end of file.
    private static async Task FeedStdinAsync(AttachServer attach, SafeFileHandle stdin, CancellationToken ct)
    {
        await using var writer = new FileStream(stdin, FileAccess.Write, bufferSize: 0);
        try
        {
            await foreach (var chunk in attach.Stdin.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (chunk.Length == 0) break;
                await writer.WriteAsync(chunk, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The container closed its stdin or exited.
        }
    }
}
