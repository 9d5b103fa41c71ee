using Berth.Linux;

namespace Berth.Runtime.Processes;

/// <summary>The waitpid(-1) loop of a subreaper.</summary>
public sealed partial class ChildReaper
{
    private bool _looping;
    private long _registrations;

    /// <summary>Whether the waitpid(-1) thread is running (it stops when no children are left).</summary>
    internal bool IsReaping
    {
        get
        {
            lock (_gate) return _looping;
        }
    }

    // Called under _gate. Counting registrations lets the loop tell "no children and nobody new is waiting"
    // (stop, fail the waits: those pids are not ours) from "a child was spawned and awaited while waitpid was
    // returning ECHILD" (wait again).
    private void OnSubreaperWait()
    {
        _registrations++;
        if (_looping) return;
        _looping = true;
        new Thread(ReapLoop) { IsBackground = true, Name = "subreaper" }.Start();
    }

    private void ReapLoop()
    {
        while (true)
        {
            long seen;
            lock (_gate)
            {
                if (_disposed)
                {
                    _looping = false;
                    return;
                }

                seen = _registrations;
            }

            bool reaped;
            int pid, status;
            try
            {
                reaped = ProcessWait.TryWait(ProcessWait.AnyChild, out pid, out status);
            }
            catch (LinuxIOException e)
            {
                lock (_gate)
                {
                    _looping = false;
                    FailPending(_ => e);
                }

                return;
            }

            lock (_gate)
            {
                if (reaped)
                {
                    if (!_disposed) Deliver(pid, ExitStatus.FromWaitStatus(status));
                    continue;
                }

                if (_registrations != seen) continue;
                _looping = false;
                FailPending(NoChild);
                return;
            }
        }
    }

    private void Deliver(int pid, ExitStatus status)
    {
        if (!_exits.TryGetValue(pid, out var exit) || exit.Task.IsCompleted)
        {
            // Nobody waits yet (an adopted orphan, or a child that exited before its spawner awaited it):
            // keep the status for the wait that comes later.
            exit = new TaskCompletionSource<ExitStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
            _exits[pid] = exit;
        }

        exit.TrySetResult(status);
    }

    private void FailPending(Func<int, Exception> error)
    {
        foreach (var (pid, exit) in _exits.ToArray())
        {
            if (exit.Task.IsCompleted) continue;
            exit.TrySetException(error(pid));
            _exits.Remove(pid);
        }
    }
}
