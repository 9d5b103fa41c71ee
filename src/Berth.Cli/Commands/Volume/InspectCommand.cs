using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Json;
using Berth.Oci;
using VolumeModel = Berth.Engine.Models.Volume;

namespace Berth.Cli.Commands.Volume;

/// <summary><c>berth volume inspect</c>: a JSON array like docker's, or a template applied to each volume.</summary>
internal static class InspectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Display detailed information on one or more volumes") { Usage = "[OPTIONS] VOLUME [VOLUME...]", Args = ArgRule.AtLeast(1) };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var found = new List<VolumeModel>();
            var errors = new List<string>();
            foreach (var name in context.Arguments)
            {
                try
                {
                    found.Add(await engine.Volumes.InspectAsync(name, ct));
                }
                catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
                {
                    errors.Add(e.Message);
                }
            }
            // docker prints what it found first, then one error per missing volume, and exits 1.
            OutputFormat.WriteInspect(context.Out, context.Get(format), found, EngineJsonContext.Default.Volume);
            foreach (var error in errors) context.Err.WriteLine("Error: " + error);
            return errors.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }
}
