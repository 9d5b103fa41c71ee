using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Json;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network inspect</c>: a JSON array like docker's, or a template applied to each network.</summary>
internal static class InspectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Display detailed information on one or more networks") { Usage = "[OPTIONS] NETWORK [NETWORK...]", Args = ArgRule.AtLeast(1) };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var found = new List<NetworkResource>();
            var errors = new List<string>();
            foreach (var name in context.Arguments)
            {
                try
                {
                    found.Add(await engine.Networks.InspectAsync(name, ct));
                }
                catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
                {
                    errors.Add(e.Message);
                }
            }
            OutputFormat.WriteInspect(context.Out, context.Get(format), found, EngineJsonContext.Default.NetworkResource);
            foreach (var error in errors) context.Err.WriteLine("Error: " + error);
            return errors.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }
}
