using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth port</c>: the host addresses a running container's ports are published on, docker's lines
/// (<c>80/tcp -&gt; 0.0.0.0:8080</c>), or just the addresses of one port.
/// </summary>
internal static class PortCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("port", "List port mappings or a specific mapping for the container")
        {
            Usage = "CONTAINER [PRIVATE_PORT[/PROTO]]",
            Args = ArgRule.Between(1, 2),
        };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var inspect = await engine.Containers.InspectAsync(context.Arguments[0], size: false, ct);
            var published = inspect.NetworkSettings.Ports
                .Where(p => p.Value is { Count: > 0 })
                .OrderBy(p => int.Parse(p.Key.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToList();
            if (context.Arguments.Count == 2)
            {
                var wanted = context.Arguments[1].Contains('/') ? context.Arguments[1] : context.Arguments[1] + "/tcp";
                var match = published.FirstOrDefault(p => p.Key == wanted);
                if (match.Value is null)
                    throw BerthException.NotFound($"No public port '{wanted}' published for {context.Arguments[0]}");
                foreach (var binding in match.Value) context.Out.WriteLine($"{binding.HostIp}:{binding.HostPort}");
                return 0;
            }
            foreach (var (key, bindings) in published)
            {
                foreach (var binding in bindings!) context.Out.WriteLine($"{key} -> {binding.HostIp}:{binding.HostPort}");
            }
            return 0;
        });
        return command;
    }
}
