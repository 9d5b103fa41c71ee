using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine;
using Berth.Engine.Json;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth image inspect</c>: Docker-shaped JSON, or a template applied to each image.</summary>
internal static class InspectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Display detailed information on one or more images") { Usage = "[OPTIONS] IMAGE [IMAGE...]", Args = ArgRule.AtLeast(1) };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            return await RunAsync(engine, context.Arguments, context.Get(format), context, ct);
        });
        return command;
    }

    /// <summary>Inspects each image; missing ones are reported after the rest printed, with exit 1 (docker's order).</summary>
    public static async Task<int> RunAsync(BerthEngine engine, IReadOnlyList<string> names, string format, CliContext context, CancellationToken ct)
    {
        var found = new List<ImageInspect>();
        var errors = new List<string>();
        foreach (var name in names)
        {
            try
            {
                found.Add(await engine.Images.InspectAsync(name, ct));
            }
            catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
            {
                errors.Add(e.Message);
            }
        }
        OutputFormat.WriteInspect(context.Out, format, found, EngineJsonContext.Default.ImageInspect);
        foreach (var error in errors) context.Err.WriteLine("Error: " + error);
        return errors.Count == 0 ? 0 : ErrorMapping.Failure;
    }
}
