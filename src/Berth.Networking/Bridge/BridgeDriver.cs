using System.Globalization;
using Berth.Oci;

namespace Berth.Networking.Bridge;

/// <summary>
/// The bridge network driver, by argv through <c>ip</c> and <c>nsenter</c>: a Linux bridge per network with the
/// gateway address, and per container a veth pair made inside the container's network namespace. When the
/// namespace dies with the container, the kernel deletes the pair, host end included.
/// </summary>
public sealed class BridgeDriver(IToolRunner tools)
{
    /// <summary>Creates the bridge with its gateway address and brings it up, unless it exists already.</summary>
    public async Task EnsureBridgeAsync(string bridge, string gatewayCidr, CancellationToken ct)
    {
        if (!Exists(bridge))
        {
            var script = $"link add name {bridge} type bridge\naddr add {gatewayCidr} dev {bridge}\nlink set {bridge} up\n";
            var result = await tools.RunAsync("ip", ["-batch", "-"], script, ct).ConfigureAwait(false);
            // A concurrent creator may have won; the bridge existing afterwards is all that matters.
            if (!result.Succeeded && !Exists(bridge)) throw Failure("creating bridge " + bridge, result);
        }
        // Packets DNAT-ed from 127.0.0.1 keep that source on the bridge: the kernel drops them as martians unless
        // route_localnet is on (Docker does the same when its userland proxy is off).
        WriteSysctl($"/proc/sys/net/ipv4/conf/{bridge}/route_localnet", "1");
        if (ReadSysctl("/proc/sys/net/ipv4/ip_forward") != "1") WriteSysctl("/proc/sys/net/ipv4/ip_forward", "1");
    }

    /// <summary>Deletes the bridge; a bridge already gone is not an error.</summary>
    public async Task DeleteBridgeAsync(string bridge, CancellationToken ct)
    {
        if (!Exists(bridge)) return;
        var result = await tools.RunAsync("ip", ["link", "del", bridge], null, ct).ConfigureAwait(false);
        if (!result.Succeeded && Exists(bridge)) throw Failure("deleting bridge " + bridge, result);
    }

    /// <summary>
    /// Connects the network namespace at <paramref name="namespacePath"/> (a pinned namespace or /proc/PID/ns/net)
    /// to a bridge: the pair is made from inside, its inner end (named, addressed, with the MAC given) staying
    /// there and its host end sent to this process's namespace, which then puts it on the bridge. Loopback comes
    /// up too, and the default route through the gateway when the plan has one.
    /// </summary>
    public async Task AttachAsync(string namespacePath, VethPlan plan, CancellationToken ct)
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var inside = $"link add {plan.InterfaceName} address {plan.Mac} type veth peer name {plan.HostVeth} netns {self}\n" +
                     $"addr add {plan.AddressCidr} dev {plan.InterfaceName}\nlink set {plan.InterfaceName} up\nlink set lo up\n";
        if (plan.DefaultGateway is { } gateway) inside += $"route add default via {gateway} dev {plan.InterfaceName}\n";
        var result = await tools.RunAsync("nsenter", [$"--net={namespacePath}", "ip", "-batch", "-"], inside, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await DeleteLinkAsync(plan.HostVeth, ct).ConfigureAwait(false);
            throw Failure($"configuring {plan.InterfaceName} in the container", result);
        }
        result = await tools.RunAsync("ip", ["link", "set", plan.HostVeth, "master", plan.Bridge, "up"], null, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await DeleteLinkAsync(plan.HostVeth, ct).ConfigureAwait(false);
            throw Failure($"connecting to bridge {plan.Bridge}", result);
        }
    }

    /// <summary>Deletes a veth pair by its host end; one already gone (its namespace died) is not an error.</summary>
    public async Task DeleteLinkAsync(string hostVeth, CancellationToken ct)
    {
        if (!Exists(hostVeth)) return;
        await tools.RunAsync("ip", ["link", "del", hostVeth], null, ct).ConfigureAwait(false);
    }

    /// <summary>Applies an nft script (one atomic transaction).</summary>
    public async Task ApplyRulesAsync(string script, CancellationToken ct)
    {
        var result = await tools.RunAsync("nft", ["-f", "-"], script, ct).ConfigureAwait(false);
        if (!result.Succeeded) throw Failure("applying nft rules", result);
    }

    /// <summary>Whether a network interface of that name exists in this (the host's) namespace.</summary>
    public static bool Exists(string name) => Directory.Exists("/sys/class/net/" + name);

    private static BerthException Failure(string what, ToolResult result) =>
        new(ErrorKind.Internal, $"{what}: {result.Stderr.Trim()}");

    private static string? ReadSysctl(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteSysctl(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BerthException(ErrorKind.PermissionDenied, $"setting {path}: {e.Message}");
        }
    }
}
