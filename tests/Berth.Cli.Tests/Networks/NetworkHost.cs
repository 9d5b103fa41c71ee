using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Berth.Cli.Tests.Containers;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Networks;

/// <summary>
/// A <see cref="ContainerHost"/> whose networks get subnets of their own (10.128-254.x.0/24, none the host routes),
/// including the default bridge (through a daemon.json "bip"), so tests running in parallel never share a subnet.
/// Dispose removes the containers, then every user network, so the root's bridges and nft table go with them.
/// </summary>
public sealed class NetworkHost : IDisposable
{
    private readonly Dictionary<string, string> _env;

    public NetworkHost()
    {
        Containers = new ContainerHost();
        var config = Containers.Root.WorkPath("daemon.json");
        File.WriteAllText(config, $"{{\"bip\": \"{FreeSubnet().Replace(".0/24", ".1/24", StringComparison.Ordinal)}\"}}");
        _env = new Dictionary<string, string> { ["BERTH_CONFIG"] = config };
    }

    public ContainerHost Containers { get; }

    public BerthResult Run(params string[] args) => Containers.Berth.Exec(args, env: _env);

    /// <summary>Creates a bridge network with a subnet of its own; returns the subnet.</summary>
    public string CreateNetwork(string name, params string[] extra)
    {
        var subnet = FreeSubnet();
        Run(["network", "create", "--subnet", subnet, .. extra, name]).Ok();
        return subnet;
    }

    public string Detached(params string[] runArgs) => Run(["run", "-d", .. runArgs]).Ok().Stdout.Trim();

    public string Inspect(string what, string template) => Run("inspect", "-f", template, what).Ok().Stdout.Trim();

    /// <summary>The nft table this root owns (named from the root's path, as berth names it).</summary>
    public string NftTable => "berth_" + HostNetworkLeftovers.HashOf(Containers.Root.StateRoot)[..10];

    public static bool LinkExists(string name) => Directory.Exists("/sys/class/net/" + name);

    public bool NftTableExists() => Tool.Run("nft", "list", "table", "ip", NftTable).ExitCode == 0;

    /// <summary>The root's nft table as nft lists it ("" when there is none).</summary>
    public string NftRules() => Tool.Run("nft", "list", "table", "ip", NftTable).Stdout;

    /// <summary>The interfaces enslaved to a bridge (none when it does not exist).</summary>
    public static string[] BridgePorts(string bridge) =>
        Directory.Exists($"/sys/class/net/{bridge}/brif") ? Directory.GetFileSystemEntries($"/sys/class/net/{bridge}/brif") : [];

    /// <summary>A /24 in 10.128.0.0/9 that no host route overlaps.</summary>
    public static string FreeSubnet()
    {
        var routes = Tool.Run("ip", "-4", "route", "show").Stdout;
        while (true)
        {
            var candidate = $"10.{RandomNumberGenerator.GetInt32(128, 255)}.{RandomNumberGenerator.GetInt32(0, 256)}";
            if (!routes.Contains(candidate + ".", StringComparison.Ordinal)) return candidate + ".0/24";
        }
    }

    /// <summary>Whether a TCP connection to 127.0.0.1:<paramref name="port"/> is accepted (and answered within a second).</summary>
    public static bool Connects(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    /// <summary>Creates a socket inside the network namespace of process <paramref name="pid"/> (setns on a thread of its own).</summary>
    public static Socket SocketIn(int pid, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/proc/{pid}/ns/net");
                if (setns((int)ns.DangerousGetHandle(), CloneNewNet) != 0) throw new IOException($"setns: errno {Marshal.GetLastPInvokeError()}");
                socket = new Socket(AddressFamily.InterNetwork, type, protocol);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new IOException("socket in container namespace", failure);
    }

    public void Dispose()
    {
        try
        {
            var ids = Run("ps", "-aq", "--no-trunc").Lines;
            if (ids.Length > 0) Run(["rm", "-f", .. ids]);
            Run("network", "prune", "-f");
        }
        finally
        {
            Containers.Dispose();
        }
    }

    private const int CloneNewNet = 0x40000000;

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);
}
