using Berth.Engine.Models;
using Berth.Networking.Ports;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>-p</c> and <c>--expose</c> as docker's CLI sends them: PortBindings keyed <c>80/tcp</c> (host port "" when
/// the engine picks), and every published or exposed port in ExposedPorts.
/// </summary>
internal sealed record RunPorts(Dictionary<string, IReadOnlyList<PortBinding>> Bindings, Dictionary<string, EmptyObject> Exposed)
{
    public static RunPorts Parse(IReadOnlyList<string> publish, IReadOnlyList<string> expose)
    {
        var bindings = new Dictionary<string, List<PortBinding>>(StringComparer.Ordinal);
        var exposed = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
        foreach (var spec in publish)
        {
            foreach (var mapping in PortSpec.Parse(spec))
            {
                if (!bindings.TryGetValue(mapping.Key, out var list)) bindings[mapping.Key] = list = [];
                list.Add(new PortBinding(mapping.HostIp, mapping.HostPort == 0 ? "" : mapping.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                exposed[mapping.Key] = new EmptyObject();
            }
        }
        foreach (var value in expose)
        {
            foreach (var key in PortSpec.ParseExposed(value)) exposed[key] = new EmptyObject();
        }
        return new RunPorts(bindings.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<PortBinding>)kv.Value, StringComparer.Ordinal), exposed);
    }
}
