using System.Text;
using Berth.Oci;

namespace Berth.Networking.Bridge;

/// <summary>
/// ACCEPT rules for a state root's bridges in iptables' filter table, in a chain of the root's own that FORWARD
/// jumps to first. dockerd sets FORWARD's policy to DROP, and with br_netfilter loaded even traffic between two
/// containers on one bridge passes that chain, so without these rules containers on berth's bridges would reach
/// neither each other nor the outside while dockerd runs. Isolation between berth's networks stays in berth's nft
/// table, whose drops are final whatever iptables accepts.
/// </summary>
public sealed class ForwardRules(IToolRunner tools)
{
    /// <summary>
    /// Makes <paramref name="chain"/> accept exactly the traffic in and out of <paramref name="bridges"/>, or
    /// removes it and its jump when there are none. A host without iptables has no FORWARD chain to drop anything.
    /// </summary>
    public async Task SyncAsync(string chain, IReadOnlyList<string> bridges, CancellationToken ct)
    {
        ToolResult listing;
        try
        {
            listing = await tools.RunAsync("iptables", ["-w", "-S", "FORWARD"], null, ct).ConfigureAwait(false);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.Unavailable)
        {
            return;
        }
        if (!listing.Succeeded) return;
        var hasJump = listing.Stdout.Split('\n').Any(l => l.Trim() == $"-A FORWARD -j {chain}");
        if (bridges.Count == 0 && !hasJump) return;
        var result = await tools.RunAsync("iptables-restore", ["-w", "--noflush"], Render(chain, bridges, hasJump), ct).ConfigureAwait(false);
        if (!result.Succeeded) throw new BerthException(ErrorKind.Internal, $"updating iptables chain {chain}: {result.Stderr.Trim()}");
    }

    /// <summary>
    /// The iptables-restore script: declaring the chain under <c>--noflush</c> creates or empties it, so the
    /// script states its whole content in one transaction.
    /// </summary>
    public static string Render(string chain, IReadOnlyList<string> bridges, bool hasJump)
    {
        var script = new StringBuilder("*filter\n").Append(':').Append(chain).Append(" - [0:0]\n");
        if (bridges.Count == 0)
        {
            script.Append("-D FORWARD -j ").Append(chain).Append('\n');
            script.Append("-X ").Append(chain).Append('\n');
        }
        else
        {
            foreach (var bridge in bridges)
            {
                script.Append("-A ").Append(chain).Append(" -i ").Append(bridge).Append(" -j ACCEPT\n");
                script.Append("-A ").Append(chain).Append(" -o ").Append(bridge).Append(" -j ACCEPT\n");
            }
            if (!hasJump) script.Append("-I FORWARD 1 -j ").Append(chain).Append('\n');
        }
        return script.Append("COMMIT\n").ToString();
    }
}
