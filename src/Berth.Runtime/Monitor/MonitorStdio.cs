using System.Runtime.InteropServices;
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
    /// <param name="passed">Descriptors the runtime passes on to the container's process as 3, 4... (none usually).</param>
    public abstract Task LaunchAsync(IOciRuntime runtime, string id, string bundle, string pidFile, IReadOnlyList<SafeHandle> passed, CancellationToken ct);

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
