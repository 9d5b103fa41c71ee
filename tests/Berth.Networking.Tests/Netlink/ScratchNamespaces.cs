using System.Diagnostics;
using System.Text.Json;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Networking.Tests.Netlink;

/// <summary>
/// Two fresh network namespaces pinned under a temp dir: "host" stands in for the engine's namespace (driver
/// calls run on a thread joined to it), "container" for a container's. Nothing touches the real host's links,
/// and every link made here dies with the namespaces.
/// </summary>
internal sealed class ScratchNamespaces : IDisposable
{
    private readonly TempDir _dir = new();

    public ScratchNamespaces()
    {
        NetworkNamespace.CreatePinned(Host);
        NetworkNamespace.CreatePinned(Container);
    }

    public string Host => _dir["host"];

    public string Container => _dir["container"];

    /// <summary>Runs <paramref name="work"/> as the engine would, with "host" as the calling thread's namespace.</summary>
    public T InHost<T>(Func<T> work) => NetworkNamespace.RunIn(Host, work);

    public void InHost(Func<Task> work) => NetworkNamespace.RunIn(Host, () =>
    {
        work().GetAwaiter().GetResult();
        return 0;
    });

    /// <summary><c>ip -j ARGS</c> inside the namespace at <paramref name="ns"/>, parsed.</summary>
    public static JsonElement IpJson(string ns, params string[] args) => JsonDocument.Parse(Run("nsenter", [$"--net={ns}", "ip", "-j", .. args]).Stdout).RootElement;

    public static (int Code, string Stdout) Run(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout);
    }

    public void Dispose()
    {
        NetworkNamespace.Release(Host);
        NetworkNamespace.Release(Container);
        _dir.Dispose();
    }
}
