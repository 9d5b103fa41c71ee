using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Holds a reference on a <see cref="SafeHandle"/> while its raw descriptor is in a system call, so a
/// concurrent Dispose cannot close (and the kernel reuse) the number mid-call.
/// </summary>
internal ref struct DescriptorLease
{
    private readonly SafeHandle _handle;
    private bool _added;

    public DescriptorLease(SafeHandle handle)
    {
        _handle = handle;
        _added = false;
        handle.DangerousAddRef(ref _added);
        Fd = (int)handle.DangerousGetHandle();
    }

    public int Fd { get; }

    public void Dispose()
    {
        if (_added) _handle.DangerousRelease();
        _added = false;
    }
}
