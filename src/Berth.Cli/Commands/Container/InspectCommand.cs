using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Json;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth container inspect</c>: Docker-shaped JSON, or a template applied to each container.</summary>
internal static class InspectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Display detailed information on one or more containers") { Usage = "[OPTIONS] CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        var size = command.Options.AddBool("size", 's', "Display total file sizes");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var found = new List<JsonNode?>();
            var errors = new List<string>();
            foreach (var name in context.Arguments)
            {
                try
                {
                    found.Add(OutputFormat.ToNode(await engine.Containers.InspectAsync(name, context.Get(size), ct), EngineJsonContext.Default.ContainerInspect));
                }
                catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
                {
                    errors.Add(e.Message);
                }
            }
            OutputFormat.WriteInspect(context.Out, context.Get(format), found);
            foreach (var error in errors) context.Err.WriteLine("Error: " + error);
            return errors.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }
}
