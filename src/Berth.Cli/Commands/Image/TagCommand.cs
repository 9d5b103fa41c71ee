using Berth.CommandLine;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]</c>.</summary>
internal static class TagCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
        {
            Usage = "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
            Args = ArgRule.Exactly(2),
        };
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            await engine.Images.TagAsync(context.Arguments[0], context.Arguments[1], ct);
            return 0;
        });
        return command;
    }
}
