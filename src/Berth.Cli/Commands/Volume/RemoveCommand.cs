using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Volume;

/// <summary><c>berth volume rm</c>: each volume in turn, printing its name; failures are reported after the rest went.</summary>
internal static class RemoveCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("rm", "Remove one or more volumes")
        {
            LongDescription = "Remove one or more volumes. You cannot remove a volume that is in use by a container.",
            Usage = "[OPTIONS] VOLUME [VOLUME...]",
            Args = ArgRule.AtLeast(1),
        };
        command.Aliases.Add("remove");
        var force = command.Options.AddBool("force", 'f', "Force the removal of one or more volumes");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var errors = new List<string>();
            foreach (var name in context.Arguments)
            {
                try
                {
                    await engine.Volumes.RemoveAsync(name, context.Get(force), ct);
                    context.Out.WriteLine(name);
                }
                catch (BerthException e)
                {
                    errors.Add(e.Message);
                }
            }
            foreach (var error in errors) context.Err.WriteLine("Error: " + error);
            return errors.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }
}
