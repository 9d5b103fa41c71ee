using Berth.CommandLine;
using Berth.Engine.Volumes;
using Berth.Oci;

namespace Berth.Cli.Commands.Volume;

/// <summary><c>berth volume create</c>: prints the volume's name (the generated one for an anonymous volume).</summary>
internal static class CreateCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("create", "Create a volume") { Usage = "[OPTIONS] [VOLUME]", Args = ArgRule.AtMost(1) };
        var driver = command.Options.AddString("driver", 'd', "Specify volume driver name", defaultValue: "local");
        var labels = command.Options.AddList("label", null, "Set metadata for a volume", validator: ValidateLabel);
        var name = command.Options.AddString("name", null, "Specify volume name");
        name.Hidden = true;
        var opts = command.Options.AddMap("opt", 'o', "Set driver specific options");
        command.SetHandler(async (context, ct) =>
        {
            var volumeName = context.Get(name) is { Length: > 0 } flag ? flag : null;
            if (context.Arguments.Count == 1)
            {
                if (volumeName is not null)
                    throw BerthException.Invalid("conflicting options: either specify --name or provide positional arg, not both");
                volumeName = context.Arguments[0];
            }
            using var engine = globals.OpenEngine(context);
            var volume = await engine.Volumes.CreateAsync(new VolumeCreateOptions
            {
                Name = volumeName,
                Driver = context.Get(driver),
                DriverOpts = context.Get(opts),
                Labels = ParseLabels(context.Get(labels)),
            }, ct);
            context.Out.WriteLine(volume.Name);
            return 0;
        });
        return command;
    }

    // docker's opts.ValidateLabel: the key may not be empty.
    private static string ValidateLabel(string label) =>
        label.Split('=', 2)[0].Trim().Length == 0 ? throw new FormatException($"invalid label '{label}': empty name") : label;

    // docker's ConvertKVStringsToMap: split at the first '=', a label without one has an empty value.
    private static Dictionary<string, string> ParseLabels(IReadOnlyList<string> labels)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var parts = label.Split('=', 2);
            map[parts[0]] = parts.Length == 2 ? parts[1] : "";
        }
        return map;
    }
}
