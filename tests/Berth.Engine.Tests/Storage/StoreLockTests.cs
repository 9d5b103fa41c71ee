using Berth.Engine.Storage;
using Berth.Engine.Tests.Support;

namespace Berth.Engine.Tests.Storage;

public sealed class StoreLockTests
{
    [Fact]
    public void Exclusive_IsRefused_WhileSharedIsHeld()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "store.lock");
        using (StoreLock.Shared(path, CancellationToken.None))
        using (StoreLock.Shared(path, CancellationToken.None))
        {
            Assert.Null(StoreLock.TryExclusive(path, TimeSpan.Zero));
        }
        using var exclusive = StoreLock.TryExclusive(path, TimeSpan.Zero);
        Assert.NotNull(exclusive);
        Assert.Null(StoreLock.TryExclusive(path, TimeSpan.Zero));
    }

    [Fact]
    public void Shared_WaitsForExclusive_AndHonoursCancellation()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "store.lock");
        using var exclusive = StoreLock.TryExclusive(path, TimeSpan.Zero);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.Throws<OperationCanceledException>(() => StoreLock.Shared(path, cts.Token));
    }
}
