using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

/// <summary>
/// One store shared (read-only) by <see cref="ImagesListTests"/>: three images created a second apart (docker
/// orders `images` by creation second), old and mid named busybox, new named other:new and busyother:x.
/// </summary>
public sealed class ImagesListFixture : IDisposable
{
    public ImagesListFixture()
    {
        Old = Setup.ImportBusybox(T, "busybox:old", "--change", "LABEL k=v");
        Thread.Sleep(1100);
        Mid = Setup.ImportBusybox(T, "busybox:mid", "--change", "LABEL k=w");
        Thread.Sleep(1100);
        New = Setup.ImportBusybox(T, "other:new");
        T.Berth.Run("tag", "other:new", "busyother:x").Ok();
    }

    public TestRoot T { get; } = new();
    public string Old { get; }
    public string Mid { get; }
    public string New { get; }

    public void Dispose() => T.Dispose();
}
