using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Work done inside another network namespace. setns(2) moves only the calling thread, and a socket stays in
/// the namespace it was created in for life, so a dedicated thread joins the namespace, runs the work (typically
/// creating and binding sockets) and exits: no thread of the process pool ever runs in a foreign namespace.
/// </summary>
public static class NetworkNamespace
{
    private const int ORdOnly = 0, OCloexec = 0x80000;

    /// <summary>Runs <paramref name="work"/> on a new thread joined to the namespace at <paramref name="path"/> (e.g. /proc/PID/ns/net).</summary>
    public static T RunIn<T>(string path, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var fd = Libc.Open(path, ORdOnly | OCloexec, 0);
                if (fd < 0) throw new LinuxIOException("open", path, Marshal.GetLastPInvokeError());
                try
                {
                    if (Libc.SetNs(fd, Libc.CloneNewNet) != 0) throw new LinuxIOException("setns", path, Marshal.GetLastPInvokeError());
                }
                finally
                {
                    Libc.Close(fd);
                }
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = "netns" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
