using System.Security.Cryptography;
using System.Text;

namespace Berth.Cli.Tests.Support;

/// <summary>
/// A root's default bridge lives as long as the root, as Docker's docker0 does; a deleted root's bridge, nft table
/// and iptables chain are taken down by berth only when some root next makes a bridge. A test root removes its own
/// at once, so a test run leaves nothing on the host.
/// </summary>
public static class HostNetworkLeftovers
{
    /// <summary>The hash berth names a root's bridge (8 digits), nft table and iptables chain (10 digits) from.</summary>
    public static string HashOf(string stateRoot) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(stateRoot))));

    public static void Remove(string stateRoot)
    {
        var hash = HashOf(stateRoot);
        var bridge = "berth" + hash[..8];
        if (!Directory.Exists("/sys/class/net/" + bridge)) return;
        Tool.Run("ip", "link", "del", bridge);
        Tool.Run("nft", "delete", "table", "ip", "berth_" + hash[..10]);
        var chain = "BERTH-" + hash[..10];
        if (Tool.Run("iptables", "-w", "-D", "FORWARD", "-j", chain).ExitCode == 0)
        {
            Tool.Run("iptables", "-w", "-F", chain);
            Tool.Run("iptables", "-w", "-X", chain);
        }
        File.Delete("/run/berth/bridges/" + bridge);
    }
}
