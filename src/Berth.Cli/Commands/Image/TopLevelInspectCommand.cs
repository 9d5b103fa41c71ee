using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Json;
using Berth.Oci;

namespace Berth.Cli.Commands.Image;

/// <summary>
/// <c>berth inspect</c>: docker's object-agnostic inspect. Each name is looked up as a container, then as an
/// image (or only as the <c>--type</c> given); what is found prints as one JSON array, in the order asked.
/// </summary>
internal static class TopLevelInspectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Return low-level information on Berth objects") { Usage = "[OPTIONS] NAME|ID [NAME|ID...]", Args = ArgRule.AtLeast(1) };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        var size = command.Options.AddBool("size", 's', "Display total file sizes if the type is container");
        var type = command.Options.AddString("type", null, "Only inspect objects of the given type", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            var kind = context.Get(type);
            if (kind is not ("" or "image" or "container"))
            {
                context.Err.WriteLine($"Error: \"{kind}\" is not a valid value for --type");
                return ErrorMapping.Failure;
            }
            using var engine = globals.OpenEngine(context);
            var found = new List<JsonNode?>();
            var errors = new List<string>();
            foreach (var name in context.Arguments)
            {
                try
                {
                    if (kind != "image" && await FindContainerAsync(engine, name, context.Get(size), ct) is { } container) found.Add(container);
                    else if (kind != "container") found.Add(OutputFormat.ToNode(await engine.Images.InspectAsync(name, ct), EngineJsonContext.Default.ImageInspect));
                    else errors.Add($"No such container: {name}");
                }
                catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
                {
                    errors.Add(kind == "" ? $"No such object: {name}" : e.Message);
                }
            }
            OutputFormat.WriteInspect(context.Out, context.Get(format), found);
            foreach (var error in errors) context.Err.WriteLine("Error: " + error);
            return errors.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }

    private static async Task<JsonNode?> FindContainerAsync(Engine.BerthEngine engine, string name, bool size, CancellationToken ct)
    {
        try
        {
            return OutputFormat.ToNode(await engine.Containers.InspectAsync(name, size, ct), EngineJsonContext.Default.ContainerInspect);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }
}
