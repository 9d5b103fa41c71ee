using Berth.CommandLine;
using Berth.Engine.Models;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth commit</c>: a new image from the container's changes; prints its ID.</summary>
internal static class CommitCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("commit", "Create a new image from a container's changes")
        {
            Usage = "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
            Args = ArgRule.Between(1, 2),
        };
        var author = command.Options.AddString("author", 'a', "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")", valueName: "string");
        var changes = command.Options.AddList("change", 'c', "Apply Dockerfile instruction to the created image");
        var message = command.Options.AddString("message", 'm', "Commit message", valueName: "string");
        var pause = command.Options.AddBool("pause", 'p', "Pause container during commit", defaultValue: true);
        command.SetHandler(async (context, ct) =>
        {
            var options = new CommitOptions
            {
                Reference = context.Arguments.Count > 1 ? context.Arguments[1] : null,
                Author = context.Get(author),
                Comment = context.Get(message),
                Changes = context.Get(changes),
                Pause = context.Get(pause),
            };
            using var engine = globals.OpenEngine(context);
            var image = await engine.Containers.CommitAsync(context.Arguments[0], options, ct);
            context.Out.WriteLine(image.Id.ToString());
            return 0;
        });
        return command;
    }
}
