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
    /// otherwise they are the caller's (the container's) and only the log speaks for runc. Cancelling kills
    /// runc, which can leave a half-created container for the caller to delete with force.
    /// <para>
    /// runc's log, and the <paramref name="input"/> a subcommand reads from a path (exec's process), are files in
    /// memory that runc opens through its own descriptors (<see cref="InputPath"/>): nothing is created, flushed or
    /// deleted on disk for them. They follow the descriptors runc passes on to the container (--preserve-fds),
    /// and runc lets no descriptor beyond those reach a container's process.
    /// </para>
    /// </summary>
    private async Task<RuncResult> RunAsync(IReadOnlyList<string> args, RuntimeIo? io, CancellationToken ct, ReadOnlyMemory<byte>? input = null)
    {
        var passed = io?.Passed ?? [];
        using var log = new SafeFileHandle(MemoryFile.Create("runc-log"), ownsHandle: true);
        using var inputFile = input is { } bytes ? InMemory("runc-input", bytes.Span) : null;
        var argv = new List<string>((_global with { Log = DescriptorPath(passed.Count), LogFormat = "json" }).ToArguments());
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
                    ExtraFds = inputFile is null ? [.. passed, log] : [.. passed, log, inputFile],
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

            // Empty unless runc failed.
            var logged = ReadFromStart(log);
            var errorOutput = await stderr.ConfigureAwait(false);
            var error = RuncErrorText.LastError(logged)
                        ?? (status.Code == 0 ? null : RuncErrorText.LastError(errorOutput));
            return new RuncResult(status, await stdout.ConfigureAwait(false), error);
        }
        finally
        {
            outRead?.Dispose();
            errRead?.Dispose();
        }
    }

    /// <summary>
    /// The path runc opens the <c>input</c> of <see cref="RunAsync"/> by: the descriptor after the log, which
    /// follows those <paramref name="io"/> passes on to the container.
    /// </summary>
    private static string InputPath(RuntimeIo io) => DescriptorPath(io.Passed.Count + 1);

    // Descriptor 3 + index of the child, as runc sees it.
    private static string DescriptorPath(int index) => $"/proc/self/fd/{3 + index}";

    private static SafeFileHandle InMemory(string name, ReadOnlySpan<byte> content)
    {
        var file = new SafeFileHandle(MemoryFile.Create(name), ownsHandle: true);
        try
        {
            RandomAccess.Write(file, content, 0);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static string ReadFromStart(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        if (length == 0) return "";
        var content = new byte[length];
        var read = RandomAccess.Read(file, content, 0);
        return System.Text.Encoding.UTF8.GetString(content, 0, read);
    }

    private static async Task<string> ReadAllAsync(SafeFileHandle handle)
    {
        await using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
