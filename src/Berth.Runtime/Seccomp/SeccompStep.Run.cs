using System.Text;
using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Seccomp;

public static partial class SeccompStep
{
    private const int CapSetpcap = 8, CapSysAdmin = 21;

    /// <summary>
    /// The step itself, run as the container's process by the runtime: <c>berth-seccomp-step --berth-seccomp-step
    /// SETS -- CMD ARG...</c>. Returns only when the command could not be executed, after writing why to
    /// <see cref="ErrorFd"/>.
    /// </summary>
    public static int Run(string[] args)
    {
        using var errors = new SafeFileHandle(ErrorFd, ownsHandle: true);
        try
        {
            if (args.Length < 4 || args[0] != Marker || args[2] != ArgsEnd || ParseSets(args[1]) is not { } sets)
                throw new StepFailure("malformed seccomp step arguments");
            var command = args[3..];
            var environment = ReadEnvironment();
            // After that read: /proc/self/environ of an undumpable process belongs to root, not to a user step.
            ProcessImage.MakeUndumpable();
            var path = LookPath(command[0], PathOf(environment));
            byte[] program;
            using (var programFile = new SafeFileHandle(ProgramFd, ownsHandle: true))
            {
                program = new byte[RandomAccess.GetLength(programFile)];
                if (RandomAccess.Read(programFile, program, 0) != program.Length) throw new StepFailure("short read of the seccomp program");
            }

            // As runc does without no_new_privs: the filter first, while the lent capabilities are still there,
            // then the capabilities. The calls below are all allowed by docker's profile, as runc's own are.
            ProcessImage.LoadSeccompFilter(program);
            var (bounding, effective, permitted, inheritable, ambient) = (sets[0], sets[1], sets[2], sets[3], sets[4]);
            if ((bounding & (1UL << CapSysAdmin)) == 0) ProcessImage.DropBoundingCapability(CapSysAdmin);
            if ((bounding & (1UL << CapSetpcap)) == 0) ProcessImage.DropBoundingCapability(CapSetpcap);
            var held = CurrentPermitted();
            ProcessImage.SetCapabilities(effective & held, permitted & held, inheritable, ambient);

            Descriptors.SetCloseOnExec(errors);
            using (var executable = new SafeFileHandle(ExecutableFd, ownsHandle: false)) Descriptors.SetCloseOnExec(executable);
            ProcessImage.ResetSignals();
            ProcessImage.Execute(path, command, environment);
            // Execute comes back only by throwing.
            throw new StepFailure("execve returned");
        }
        catch (StepFailure e)
        {
            Report(errors, e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var message = e is LinuxIOException { Operation: "execve" } failed
                ? $"exec: {Quote(failed.Path ?? "")}: {ErrorText(failed.Errno)}"
                : e.Message;
            Report(errors, message);
            return e is LinuxIOException { Errno: (int)Errno.ENOENT } ? 127 : 126;
        }
    }

    private static void Report(SafeFileHandle errors, string message)
    {
        try
        {
            using var pipe = new FileStream(errors, FileAccess.Write, bufferSize: 0);
            pipe.Write(Encoding.UTF8.GetBytes("unable to start container process: " + message));
        }
        catch (IOException)
        {
            // Nobody listens any more; the exit code still tells.
        }
    }

    // The environment exactly as the runtime set it, in its order (execve passes it on as it is).
    private static List<byte[]> ReadEnvironment()
    {
        var raw = File.ReadAllBytes("/proc/self/environ");
        var entries = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != 0) continue;
            if (i > start) entries.Add(raw[start..i]);
            start = i + 1;
        }
        if (start < raw.Length) entries.Add(raw[start..]);
        return entries;
    }

    private static string PathOf(List<byte[]> environment)
    {
        foreach (var entry in environment)
        {
            if (entry.AsSpan().StartsWith("PATH="u8)) return Encoding.UTF8.GetString(entry.AsSpan(5));
        }
        return "";
    }

    // Go's exec.LookPath, which runc uses to find the command (and whose errors docker users know): a name with a
    // slash is taken as it is; otherwise the first executable file of that name in $PATH, an empty entry being ".".
    private static string LookPath(string file, string searchPath)
    {
        if (file.Contains('/'))
        {
            var problem = ExecutableProblem(file);
            return problem is null ? file : throw new StepFailure($"exec: {Quote(file)}: {problem.Value.Text}", problem.Value.Code);
        }
        foreach (var entry in searchPath.Split(':'))
        {
            var candidate = Path.Join(entry.Length == 0 ? "." : entry, file);
            if (ExecutableProblem(candidate) is null) return candidate;
        }
        throw new StepFailure($"exec: {Quote(file)}: executable file not found in $PATH", 127);
    }

    private static (string Text, int Code)? ExecutableProblem(string path)
    {
        if (!FileStatus.TryStat(path, out var status, out var errno))
            return ($"stat {path}: {ErrorText(errno)}", errno == (int)Errno.ENOENT ? 127 : 126);
        var executable = status.Type != UnixFileType.Directory && (status.Permissions & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return executable ? null : ("permission denied", 126);
    }

    private static ulong CurrentPermitted()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("CapPrm:", StringComparison.Ordinal))
                return ulong.Parse(line.AsSpan(7).Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    // Go's strerror texts start in lower case ("no such file or directory").
    private static string ErrorText(int errno)
    {
        var text = System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : $"errno {errno}";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private sealed class StepFailure(string message, int exitCode = 125) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }
}
