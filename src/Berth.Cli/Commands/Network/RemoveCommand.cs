using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Network;

/// <summary><c>berth network rm</c>: each network in turn, printing its name; failures are reported after the rest went.</summary>
internal static class RemoveCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("rm", "Remove one or more networks") { Usage = "[OPTIONS] NETWORK [NETWORK...]", Args = ArgRule.AtLeast(1) };
        command.Aliases.Add("remove");
        var force = command.Options.AddBool("force", 'f', "Do not error if the network does not exist");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var errors = new List<string>();
            foreach (var name in context.Arguments)
            {
                try
                {
                    await engine.Networks.RemoveAsync(name, ct);
                    context.Out.WriteLine(name);
                }
                catch (BerthException e) when (!(context.Get(force) && e.Kind == ErrorKind.NotFound))
                {
                    errors.Add(e.Message);
                }
                catch (BerthException)
                {
                }
            }
            foreach (var error in errors) context.Err.WriteLine("Error response from daemon: " + error);
            return errors.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }
}
