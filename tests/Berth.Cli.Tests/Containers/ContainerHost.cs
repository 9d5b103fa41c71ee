using System.Diagnostics;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Containers;

/// <summary>
/// A test root with a runnable busybox image imported as <see cref="Image"/>. Dispose force-removes every
/// container first (their monitors run on after the CLI), then unmounts and deletes the root.
/// </summary>
public sealed class ContainerHost : IDisposable
{
    public const string Image = "bb:latest";

    public ContainerHost()
    {
        Root = new TestRoot();
        var tar = Root.WorkPath("rootfs.tar");
        File.WriteAllBytes(tar, BusyboxImage.Tar());
        Berth.Run("import", "--change", "WORKDIR /", tar, Image).Ok();
    }

    public TestRoot Root { get; }
    public BerthRunner Berth => Root.Berth;

    /// <summary>Runs berth with the given arguments and returns the result.</summary>
    public BerthResult Run(params string[] args) => Berth.Run(args);

    /// <summary>Starts a detached container running <paramref name="command"/>; returns its full ID.</summary>
    public string Detached(params string[] runArgs) => Run(["run", "-d", .. runArgs]).Ok().Stdout.Trim();

    public string Inspect(string container, string template) => Run("inspect", "-f", template, container).Ok().Stdout.Trim();

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static void Eventually(Func<bool> condition, string what, int seconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"timed out waiting for {what}");
            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        try
        {
            var ids = Berth.Run("ps", "-aq", "--no-trunc").Lines;
            if (ids.Length > 0) Berth.Run(["rm", "-f", .. ids]);
        }
        finally
        {
            Root.Dispose();
        }
    }
}
