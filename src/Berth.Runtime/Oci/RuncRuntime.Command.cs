using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Processes;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Oci;

/// <summary>Running the runtime binary once and collecting its output, status and logged error.</summary>
public sealed partial class RuncRuntime
{
    private async Task<RuncResult> RunCheckedAsync(IReadOnlyList<string> args, string operation, CancellationToken ct)
    {
        var result = await RunAsync(args, null, ct).ConfigureAwait(false);
        if (result.Succeeded) return result;
        var message = result.Message(operation);
        throw new BerthException(RuncErrorText.KindFor(message), message);
    }

    /// <summary>
    /// Runs runc with <paramref name="args"/>. With <paramref name="io"/> null, stdout and stderr are captured;
    /// otherwise they are the caller's (the container's) and only the log file speaks for runc. Cancelling kills
    /// runc, which can leave a half-created container for the caller to delete with force.
    /// </summary>
    private async Task<RuncResult> RunAsync(IReadOnlyList<string> args, RuntimeIo? io, CancellationToken ct)
    {
        // Beside the runtime's own state, never in a shared /tmp: nothing of a state root is written outside it.
        // runc lists only the directories of its root, so these files are invisible to it.
        Directory.CreateDirectory(_global.Root);
        var log = Path.Combine(_global.Root, $".call-{Guid.NewGuid():N}.log");
        var argv = new List<string>((_global with { Log = log, LogFormat = "json" }).ToArguments());
        argv.AddRange(args);
        SafeFileHandle? outRead = null, outWrite = null, errRead = null, errWrite = null;
        try
        {
            if (io is null)
            {
                (outRead, outWrite) = Pipe.Create();
                (errRead, errWrite) = Pipe.Create();
            }

            int pid;
            using (outWrite)
            using (errWrite)
            {
                pid = ChildProcess.Spawn(new SpawnOptions
                {
                    Path = _binary,
                    Args = argv,
                    Stdin = io?.Stdin,
                    Stdout = io is null ? outWrite : io.Stdout,
                    Stderr = io is null ? errWrite : io.Stderr,
                    ExtraFds = io?.Passed ?? [],
                });
            }

            var stdout = outRead is null ? Task.FromResult("") : ReadAllAsync(outRead);
            var stderr = errRead is null ? Task.FromResult("") : ReadAllAsync(errRead);
            ExitStatus status;
            try
            {
                status = await _reaper.WaitAsync(pid, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ProcessControl.Signal(pid, SigKill);
                await _reaper.WaitAsync(pid, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            // Empty unless runc failed; read in place, without the thread-pool hops of an asynchronous read.
            var logged = File.Exists(log) ? File.ReadAllText(log) : "";
            var errorOutput = await stderr.ConfigureAwait(false);
            var error = RuncErrorText.LastError(logged)
                        ?? (status.Code == 0 ? null : RuncErrorText.LastError(errorOutput));
            return new RuncResult(status, await stdout.ConfigureAwait(false), error);
        }
        finally
        {
            outRead?.Dispose();
            errRead?.Dispose();
            File.Delete(log);
        }
    }

    private static async Task<string> ReadAllAsync(SafeFileHandle handle)
    {
        await using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
