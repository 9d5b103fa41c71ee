namespace Berth.Snapshots.Tests;

/// <summary>
/// Entry point used only when the multi-process tests start this assembly as a worker
/// (<c>unpack-chain &lt;driver&gt; &lt;directory&gt;</c>); the test host never calls it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not ["unpack-chain", var driver, var directory])
        {
            Console.Error.WriteLine("usage: unpack-chain <driver> <directory>");
            return 2;
        }

        SnapshotterConformance.UnpackChain(Snapshotters.Create(driver, directory));
        return 0;
    }
}
