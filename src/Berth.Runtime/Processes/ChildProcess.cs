using System.Collections;
using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Processes;

/// <summary>
/// Starts processes with posix_spawn instead of System.Diagnostics.Process, which can neither pass chosen
/// descriptors nor setsid, and whose SIGCHLD handling would reap children a <see cref="ChildReaper"/> waits for.
/// The caller waits for the returned pid with a <see cref="ChildReaper"/>.
/// </summary>
public static class ChildProcess
{
    /// <summary>Starts the process and returns its pid.</summary>
    public static int Spawn(SpawnOptions options)
    {
        // A relative path is resolved here: posix_spawn runs the chdir action before exec.
        var path = options.Path.Contains('/')
            ? Path.GetFullPath(options.Path)
            : ExecutableLookup.Find(options.Path)
              ?? throw BerthException.NotFound($"exec: \"{options.Path}\": executable file not found in $PATH");

        var argv = new List<string>(options.Args.Count + 1) { options.Path };
        argv.AddRange(options.Args);
        var env = options.Env ?? InheritedEnvironment();

        SafeFileHandle? devNull = null;
        var handles = new List<SafeHandle>(3 + options.ExtraFds.Count);
        var leased = new List<SafeHandle>(handles.Capacity);
        try
        {
            foreach (var stream in new[] { options.Stdin, options.Stdout, options.Stderr })
            {
                handles.Add(stream ?? (devNull ??= File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite)));
            }

            handles.AddRange(options.ExtraFds);
            var fds = new int[handles.Count];
            for (var i = 0; i < handles.Count; i++)
            {
                var added = false;
                handles[i].DangerousAddRef(ref added);
                if (added) leased.Add(handles[i]);
                fds[i] = (int)handles[i].DangerousGetHandle();
            }

            return ProcessSpawn.Spawn(path, argv, env, fds, options.WorkingDirectory, options.NewSession);
        }
        catch (LinuxIOException e)
        {
            var kind = e.Errno switch
            {
                Errno.ENOENT or Errno.ENOTDIR => ErrorKind.NotFound,
                Errno.EACCES or Errno.EPERM => ErrorKind.PermissionDenied,
                _ => ErrorKind.Internal,
            };
            throw new BerthException(kind, $"start {options.Path}: {Marshal.GetPInvokeErrorMessage(e.Errno).ToLowerInvariant()}", e);
        }
        catch (ArgumentException e)
        {
            throw BerthException.Invalid($"start {options.Path}: {e.Message}", e);
        }
        finally
        {
            foreach (var handle in leased) handle.DangerousRelease();
            devNull?.Dispose();
        }
    }

    private static List<string> InheritedEnvironment()
    {
        var env = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            env.Add($"{entry.Key}={entry.Value}");
        }

        return env;
    }
}
