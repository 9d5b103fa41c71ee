using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Image;

/// <summary>
/// <c>berth inspect</c>: docker's object-agnostic inspect. Images are the only objects so far; <c>--type</c>
/// is accepted so scripts written for docker keep working.
/// </summary>
internal static class TopLevelInspectCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Return low-level information on Berth objects") { Usage = "[OPTIONS] NAME|ID [NAME|ID...]", Args = ArgRule.AtLeast(1) };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        command.Options.AddBool("size", 's', "Display total file sizes if the type is container");
        var type = command.Options.AddString("type", null, "Only inspect objects of the given type", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            if (context.Get(type) is { Length: > 0 } kind && kind != "image")
            {
                context.Err.WriteLine($"Error: \"{kind}\" is not a valid value for --type");
                return ErrorMapping.Failure;
            }
            using var engine = globals.OpenEngine(context);
            return await InspectCommand.RunAsync(engine, context.Arguments, context.Get(format), context, ct);
        });
        return command;
    }
}
