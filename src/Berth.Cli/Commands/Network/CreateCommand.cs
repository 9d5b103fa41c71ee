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
        var driver = command.Options.AddString("driver", 'd', "Driver to manage the Network", defaultValue: "bridge", valueName: "string");
        var gateway = command.Options.AddList("gateway", null, "IPv4 or IPv6 Gateway for the master subnet", valueName: "strings");
        var internalFlag = command.Options.AddBool("internal", null, "Restrict external access to the network");
        var ipRange = command.Options.AddList("ip-range", null, "Allocate container ip from a sub-range", valueName: "strings");
        var labels = command.Options.AddList("label", null, "Set metadata on a network", valueName: "list");
        var opts = command.Options.AddMap("opt", 'o', "Set driver specific options", valueName: "map");
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
