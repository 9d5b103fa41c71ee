using Berth.CommandLine;
using Berth.Engine.Networks;
using Berth.Oci;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network create</c>: prints the new network's ID.</summary>
internal static class CreateCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("create", "Create a network") { Usage = "[OPTIONS] NETWORK", Args = ArgRule.Exactly(1) };
        var attachable = command.Options.AddBool("attachable", null, "Enable manual container attachment");
        var auxAddress = command.Options.AddMap("aux-address", null, "Auxiliary IPv4 or IPv6 addresses used by Network driver", valueName: "map");
        var configFrom = command.Options.AddString("config-from", null, "The network from which to copy the configuration", valueName: "string");
        var configOnly = command.Options.AddBool("config-only", null, "Create a configuration only network");
        var driver = command.Options.AddString("driver", 'd', "Driver to manage the Network", defaultValue: "bridge", valueName: "string");
        var gateway = command.Options.AddList("gateway", null, "IPv4 or IPv6 Gateway for the master subnet", valueName: "strings");
        var ingress = command.Options.AddBool("ingress", null, "Create swarm routing-mesh network");
        var internalFlag = command.Options.AddBool("internal", null, "Restrict external access to the network");
        var ipRange = command.Options.AddList("ip-range", null, "Allocate container ip from a sub-range", valueName: "strings");
        var ipamDriver = command.Options.AddString("ipam-driver", null, "IP Address Management Driver", defaultValue: "default", valueName: "string");
        var ipamOpt = command.Options.AddMap("ipam-opt", null, "Set IPAM driver specific options", valueName: "map");
        var ipv6 = command.Options.AddBool("ipv6", null, "Enable IPv6 networking");
        var labels = command.Options.AddList("label", null, "Set metadata on a network", valueName: "list");
        var opts = command.Options.AddMap("opt", 'o', "Set driver specific options", valueName: "map");
        var scope = command.Options.AddString("scope", null, "Control the network's scope", valueName: "string");
        var subnet = command.Options.AddList("subnet", null, "Subnet in CIDR format that represents a network segment", valueName: "strings");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var id = await engine.Networks.CreateAsync(new NetworkCreateOptions
            {
                Name = context.Arguments[0],
                Driver = context.Get(driver),
                Subnet = Single(context.Get(subnet), "subnet"),
                Gateway = Single(context.Get(gateway), "gateway"),
                IpRange = Single(context.Get(ipRange), "ip-range"),
                Internal = context.Get(internalFlag),
                Attachable = context.Get(attachable),
                AuxAddresses = context.Get(auxAddress),
                IpamDriver = context.Get(ipamDriver),
                IpamOptions = context.Get(ipamOpt),
                EnableIPv6 = context.Get(ipv6),
                Ingress = context.Get(ingress),
                Scope = context.Get(scope),
                ConfigOnly = context.Get(configOnly),
                ConfigFrom = context.Get(configFrom),
                Options = context.Get(opts),
                Labels = context.Get(labels).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : ""),
            }, ct);
            context.Out.WriteLine(id);
            return 0;
        });
        return command;
    }

    // IPv6 subnets are not supported, so each flag takes one IPv4 value.
    private static string Single(IReadOnlyList<string> values, string flag) => values.Count switch
    {
        0 => "",
        1 => values[0],
        _ => throw BerthException.Invalid($"only one --{flag} is supported (IPv4)"),
    };
}
