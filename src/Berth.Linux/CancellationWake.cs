using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// A descriptor that becomes readable when a cancellation token fires, for a thread that waits in poll(2) on its
/// own descriptors and must also notice a cancellation (<see cref="DescriptorIO.PollReadable"/>).
/// </summary>
public sealed class CancellationWake : IDisposable
{
    private readonly SafeFileHandle _read;
    private readonly SafeFileHandle _write;
    private readonly CancellationTokenRegistration _registration;

    public CancellationWake(CancellationToken ct)
    {
        (_read, _write) = Pipe.Create();
        _registration = ct.Register(Signal);
    }

    /// <summary>Readable once the token fired.</summary>
    public SafeFileHandle Readable => _read;

    private void Signal() => DescriptorIO.Write(_write, [1]);

    public void Dispose()
    {
        // Waits for a callback under way, so the pipe is not written after it is closed.
        _registration.Dispose();
        _write.Dispose();
        _read.Dispose();
    }
}
