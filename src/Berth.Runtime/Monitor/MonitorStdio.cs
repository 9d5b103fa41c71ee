using Berth.Runtime.Attach;
using Berth.Runtime.Logs;
using Berth.Runtime.Oci;

namespace Berth.Runtime.Monitor;

/// <summary>
/// How a monitor holds a container's stdio for one run: it sets up the container's side before create (pipes, or
/// a console socket for runc to hand over a pty master), then copies output to the log and attached clients and
/// feeds their input to the container.
/// </summary>
public abstract class MonitorStdio : IAsyncDisposable
{
    /// <summary>
    /// Creates and starts the container through <paramref name="runtime"/> with this stdio. Its output waits in
    /// the pipe or terminal until <see cref="StartPumps"/>, so a client attaching in between misses nothing.
    /// </summary>
    public abstract Task LaunchAsync(IOciRuntime runtime, string id, string bundle, string pidFile, CancellationToken ct);

    /// <summary>
    /// Work between the runtime's create and start, when the container's namespaces exist but its process has not
    /// run (a network namespace gets its interfaces here). Null launches in one step (<c>runc run</c>).
    /// </summary>
    public Func<CancellationToken, Task>? BeforeStart { get; set; }

    /// <summary>Runs the container detached, or creates it, runs <see cref="BeforeStart"/> and starts it; a failed hook deletes it.</summary>
    protected async Task RunOrCreateAsync(IOciRuntime runtime, string id, string bundle, RuntimeIo io, string? consoleSocketPath, string pidFile, CancellationToken ct)
    {
        if (BeforeStart is null)
        {
            await runtime.RunDetachedAsync(id, bundle, io, consoleSocketPath, pidFile, ct).ConfigureAwait(false);
            return;
        }
        await runtime.CreateAsync(id, bundle, io, consoleSocketPath, pidFile, ct).ConfigureAwait(false);
        try
        {
            await BeforeStart(ct).ConfigureAwait(false);
            await runtime.StartAsync(id, ct).ConfigureAwait(false);
        }
        catch
        {
            await runtime.DeleteAsync(id, force: true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts copying; the task ends when the container's output reaches end of file.</summary>
    public abstract Task StartPumps(JsonFileLogWriter log, AttachServer attach);

    /// <summary>Stops copying (the container is gone); flushes partial lines into the log.</summary>
    public abstract void CloseOutput();

    public abstract ValueTask DisposeAsync();

    /// <summary>Copies one output stream to the log and the attached clients until end of file.</summary>
    protected static async Task PumpAsync(Stream source, LogStream stream, JsonFileLogWriter log, AttachServer attach)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                log.Write(stream, buffer.AsSpan(0, read));
                attach.Publish(stream, buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
            // EIO from a pty master whose slave closed, or a pipe torn down at close: the output is over.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            log.CloseStream(stream);
        }
    }
}
