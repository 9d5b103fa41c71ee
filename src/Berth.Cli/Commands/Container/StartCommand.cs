using Berth.CommandLine;
using Berth.Engine.Containers;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth start</c>: starts stopped containers; with <c>-a</c> attaches to one and ends with its exit code.</summary>
internal static class StartCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("start", "Start one or more stopped containers") { Usage = "[OPTIONS] CONTAINER [CONTAINER...]", Args = ArgRule.AtLeast(1) };
        var attach = command.Options.AddBool("attach", 'a', "Attach STDOUT/STDERR and forward signals");
        var detachKeys = command.Options.AddString("detach-keys", null, "Override the key sequence for detaching a container", valueName: "string");
        var interactive = command.Options.AddBool("interactive", 'i', "Attach container's STDIN");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            if (context.Get(attach) || context.Get(interactive))
            {
                if (context.Arguments.Count > 1) throw BerthException.Invalid("you cannot start and attach multiple containers at once");
                var id = engine.Containers.IdOf(context.Arguments[0]);
                return await ForegroundRun.RunAsync(engine, id, context, new ForegroundOptions
                {
                    DetachKeys = context.Get(detachKeys),
                    Stdin = context.Get(interactive),
                }, ct);
            }
            return await EachContainer.RunAsync(context, async name =>
            {
                using var start = await engine.Containers.StartAsync(name, new StartOptions(), ct);
            });
        });
        return command;
    }
}
