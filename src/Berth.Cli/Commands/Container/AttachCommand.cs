using Berth.CommandLine;
using Berth.Runtime.Attach;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth attach</c>: joins a running container's stdio through its monitor; ends with the container's exit
/// code when it exits, or 0 after the detach keys (ctrl-p,ctrl-q with a tty).
/// </summary>
internal static class AttachCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("attach", "Attach local standard input, output, and error streams to a running container")
        {
            Usage = "[OPTIONS] CONTAINER",
            Args = ArgRule.Exactly(1),
        };
        var detachKeys = command.Options.AddString("detach-keys", null, "Override the key sequence for detaching a container", valueName: "string");
        var noStdin = command.Options.AddBool("no-stdin", null, "Do not attach STDIN");
        var sigProxy = command.Options.AddBool("sig-proxy", null, "Proxy all received signals to the process", defaultValue: true);
        command.SetHandler(async (context, ct) =>
        {
            var keys = context.Get(detachKeys);
            if (keys.Length > 0) DetachKeys.Parse(keys);
            using var engine = globals.OpenEngine(context);
            var id = engine.Containers.IdOf(context.Arguments[0]);
            await using var client = await engine.Containers.AttachAsync(id, new AttachRequest { Stdin = !context.Get(noStdin) }, ct);
            return await ForegroundRun.SessionAsync(engine, id, client, context, new ForegroundOptions
            {
                DetachKeys = keys,
                ProxySignals = context.Get(sigProxy),
            }, ct);
        });
        return command;
    }
}
