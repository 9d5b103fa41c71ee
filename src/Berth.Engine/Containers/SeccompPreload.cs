using System.Text;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Options;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Spec;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// Berth's side of <see cref="SeccompStep"/>: when a container's spec is written, whether its filter is loaded by
/// the step (docker's default profile under runc, with libseccomp here) instead of by runc; and, for each
/// process started so, the descriptors the runtime passes on and the step's report. Without the step's program
/// beside berth, or with BERTH_RUNTIME_SECCOMP=1 set, every filter is left to the runtime.
/// </summary>
internal sealed class SeccompPreload : IDisposable
{
    private readonly SafeFileHandle _program;
    private readonly SafeFileHandle _executable;
    private readonly SafeFileHandle _errorsRead;
    private SafeFileHandle? _errorsWrite;

    private SeccompPreload(SafeFileHandle program, SafeFileHandle executable)
    {
        _program = program;
        _executable = executable;
        (_errorsRead, _errorsWrite) = Pipe.Create();
    }

    /// <summary>The seccomp step's program, which the CLI's publish puts beside berth (the monitor's executable).</summary>
    public static string StepExecutableBeside(string berthExecutable) =>
        Path.Combine(Path.GetDirectoryName(berthExecutable) ?? ".", "berth-seccomp-step");

    /// <summary>
    /// The spec to write: <paramref name="spec"/> itself, or with its filter moved to the step, whose program then
    /// goes to <paramref name="programFile"/> (in the bundle).
    /// </summary>
    public static RuntimeSpec Apply(RuntimeSpec spec, bool runsOnRunc, SeccompMode mode, string programFile, StateLayout layout, string stepExecutable)
    {
        File.Delete(programFile);
        if (spec.Linux?.Seccomp is not { } filter || spec.Process is null || mode.Kind != SeccompKind.Default) return spec;
        if (Environment.GetEnvironmentVariable("BERTH_RUNTIME_SECCOMP") == "1") return spec;
        if (!runsOnRunc || !File.Exists(stepExecutable)) return spec;
        if (SeccompProgramCache.GetOrCompile(filter, layout.SeccompPrograms) is not { } program) return spec;
        UnixFile.WriteNew(programFile, program);
        return spec with { Process = SeccompStep.Wrap(spec.Process), Linux = spec.Linux with { Seccomp = null } };
    }

    /// <summary>Whether a container runs on runc; a runtime that cannot be found is reported where it starts.</summary>
    public static bool RunsOnRunc(ContainerRecord record)
    {
        try
        {
            return RuncRuntime.IsRunc(record.ResolveRuntime());
        }
        catch (BerthException)
        {
            return false;
        }
    }

    /// <summary>
    /// The descriptors for a process whose spec went through <see cref="Apply"/> (its program is in
    /// <paramref name="programFile"/>), or null when it did not.
    /// </summary>
    public static SeccompPreload? Open(string programFile, string bundle, string executable)
    {
        SafeFileHandle program;
        try
        {
            program = File.OpenHandle(programFile);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        try
        {
            return new SeccompPreload(program, StepExecutable.Open(executable, bundle));
        }
        catch
        {
            program.Dispose();
            throw;
        }
    }

    /// <summary>Descriptors 3, 4 and 5 of the runtime process, in order (<see cref="SeccompStep.ProgramFd"/>...).</summary>
    public IReadOnlyList<SafeFileHandle> Descriptors => [_program, _executable, _errorsWrite!];

    /// <summary>
    /// After the runtime started the process: waits until the step has executed the command (the pipe closes) and
    /// returns null, or returns the failure as runc words it (<paramref name="operation"/> is run or exec).
    /// </summary>
    public async Task<string?> WaitForCommandAsync(string operation, CancellationToken ct)
    {
        // The runtime and the step hold the write end now; ours must go or the pipe never ends.
        _errorsWrite?.Dispose();
        _errorsWrite = null;
        using var text = new MemoryStream();
        if (DescriptorIO.IsReadable(_errorsRead))
        {
            // Mostly the case: once the runtime is done, the step has executed the command (the pipe is at its
            // end) or reported and exited. Read in place then, without an asynchronous read's thread-pool hop.
            var buffer = new byte[1024];
            int read;
            while ((read = DescriptorIO.Read(_errorsRead, buffer)) > 0) text.Write(buffer, 0, read);
        }
        else
        {
            await using var reader = new FileStream(_errorsRead, FileAccess.Read, bufferSize: 0);
            await reader.CopyToAsync(text, ct).ConfigureAwait(false);
        }
        return text.Length == 0 ? null : $"runc {operation} failed: {Encoding.UTF8.GetString(text.ToArray())}";
    }

    /// <summary>A failure reported by the step, as the runtime's own start failures are raised.</summary>
    public static BerthException Failure(string message) =>
        new(RuntimeErrorClassifier.ExitCodeFor(message) == RuntimeErrorClassifier.RuntimeFailure ? ErrorKind.Internal : ErrorKind.InvalidArgument, message)
        {
            ExitCode = RuntimeErrorClassifier.ExitCodeFor(message),
        };

    public void Dispose()
    {
        _program.Dispose();
        _executable.Dispose();
        _errorsWrite?.Dispose();
        _errorsRead.Dispose();
    }
}
