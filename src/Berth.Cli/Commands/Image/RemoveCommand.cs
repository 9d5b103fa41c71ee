using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth image rm</c> / <c>berth rmi</c>: each image in turn; failures are reported and the rest still go.</summary>
internal static class RemoveCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("rm", "Remove one or more images") { Usage = "[OPTIONS] IMAGE [IMAGE...]", Args = ArgRule.AtLeast(1) };
        command.Aliases.Add("rmi");
        command.Aliases.Add("remove");
        var force = command.Options.AddBool("force", 'f', "Force removal of the image");
        command.Options.AddBool("no-prune", null, "Do not delete untagged parents");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var exit = 0;
            foreach (var image in context.Arguments)
            {
                try
                {
                    foreach (var item in await engine.Images.RemoveAsync(image, context.Get(force), ct))
                        context.Out.WriteLine(item.Untagged is { } untagged ? $"Untagged: {untagged}" : $"Deleted: {item.Deleted}");
                }
                catch (BerthException e)
                {
                    context.Err.WriteLine("Error: " + e.Message);
                    exit = ErrorMapping.Failure;
                }
            }
            return exit;
        });
        return command;
    }
}
