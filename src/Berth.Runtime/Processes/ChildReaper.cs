using Berth.Linux;
using Berth.Oci;

namespace Berth.Runtime.Processes;

/// <summary>
/// Reaps child processes and hands each exit status to whoever awaits that pid. Two modes:
/// <list type="bullet">
/// <item><see cref="ForChildren"/>: each awaited pid gets a thread blocked in waitpid(pid). For processes that
/// wait only for children they spawned (the CLI running <c>runc exec</c>).</item>
/// <item><see cref="BecomeSubreaper"/>: the process becomes a child subreaper, so a container's init, whose
/// parent runc exits after <c>runc create</c>, re-parents here; one thread loops on waitpid(-1) and dispatches
/// statuses by pid, remembering those nobody awaits yet, so awaiting an orphan that already died returns at
/// once. The thread ends when no children are left (ECHILD) and starts again on the next wait. Only one
/// subreaper reaper may exist per process, and nothing else in the process may reap children.</item>
/// </list>
/// A pid whose status was handed out is forgotten, so the kernel may reuse it for a later child.
/// </summary>
public sealed partial class ChildReaper : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, TaskCompletionSource<ExitStatus>> _exits = [];
    private bool _disposed;

    private ChildReaper(bool subreaper)
    {
        IsSubreaper = subreaper;
    }

    /// <summary>Whether this reaper made the process a child subreaper.</summary>
    public bool IsSubreaper { get; }

    /// <summary>Waits for children this process spawned, one waitpid(pid) each.</summary>
    public static ChildReaper ForChildren() => new(subreaper: false);

    /// <summary>
    /// Sets PR_SET_CHILD_SUBREAPER on this process and reaps every child and adopted orphan from then on.
    /// Disposing clears the flag again.
    /// </summary>
    public static ChildReaper BecomeSubreaper()
    {
        ProcessControl.SetChildSubreaper(true);
        return new ChildReaper(subreaper: true);
    }

    /// <summary>
    /// The exit status of <paramref name="pid"/>, once it has exited and been reaped. Fails with
    /// <see cref="ErrorKind.NotFound"/> when the pid is not (or no longer) a child of this process.
    /// Cancelling stops this wait only; the status is still reaped and kept for a later wait.
    /// </summary>
    public async Task<ExitStatus> WaitAsync(int pid, CancellationToken ct)
    {
        if (pid <= 0) throw BerthException.Invalid($"invalid pid {pid}");
        TaskCompletionSource<ExitStatus>? exit;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_exits.TryGetValue(pid, out exit))
            {
                // A waitpid thread of a pid's own has nothing else to do, so the waiter's continuation runs on it;
                // a short command would otherwise start the thread pool for this alone. The subreaper's one thread
                // must get back to reaping, so its waiters continue elsewhere.
                exit = new TaskCompletionSource<ExitStatus>(IsSubreaper ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
                _exits[pid] = exit;
                if (!IsSubreaper) StartChildWait(pid, exit);
            }

            if (IsSubreaper) OnSubreaperWait();
        }

        try
        {
            var status = await exit.Task.WaitAsync(ct).ConfigureAwait(false);
            Forget(pid, exit);
            return status;
        }
        catch (OperationCanceledException)
        {
            // The status may have arrived together with the cancellation: keep it for the next wait.
            throw;
        }
        catch
        {
            Forget(pid, exit);
            throw;
        }
    }

    /// <summary>Fails pending waits; a subreaper also clears PR_SET_CHILD_SUBREAPER.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var exit in _exits.Values) exit.TrySetException(new ObjectDisposedException(nameof(ChildReaper)));
            _exits.Clear();
        }

        if (IsSubreaper)
        {
            try
            {
                ProcessControl.SetChildSubreaper(false);
            }
            catch (LinuxIOException)
            {
                // Clearing a flag the kernel accepted setting does not fail; nothing useful to do if it did.
            }
        }
    }

    private void Forget(int pid, TaskCompletionSource<ExitStatus> exit)
    {
        lock (_gate)
        {
            if (_exits.TryGetValue(pid, out var current) && current == exit) _exits.Remove(pid);
        }
    }

    private static BerthException NoChild(int pid) => BerthException.NotFound($"no child process {pid}");

    private static void StartChildWait(int pid, TaskCompletionSource<ExitStatus> exit)
    {
        var thread = new Thread(() =>
        {
            try
            {
                if (ProcessWait.TryWait(pid, out _, out var status)) exit.TrySetResult(ExitStatus.FromWaitStatus(status));
                else exit.TrySetException(NoChild(pid));
            }
            catch (Exception e)
            {
                exit.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "waitpid " + pid,
        };
        thread.Start();
    }
}
