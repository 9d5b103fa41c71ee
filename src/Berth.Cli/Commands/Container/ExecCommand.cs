using Berth.CommandLine;
using Berth.Engine.Containers;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Options;
using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth exec</c>: runs a command in a running container and ends with its exit code (126 when it cannot be
/// started, missing or not executable, as docker's exec). Without <c>-t</c> the process uses this process's stdio
/// directly.
/// </summary>
internal static class ExecCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("exec", "Execute a command in a running container")
        {
            Usage = "[OPTIONS] CONTAINER COMMAND [ARG...]",
            Args = ArgRule.AtLeast(2),
            Interspersed = false,
        };
        var detach = command.Options.AddBool("detach", 'd', "Detached mode: run command in the background");
        var detachKeys = command.Options.AddString("detach-keys", null, "Override the key sequence for detaching a container", valueName: "string");
        var env = command.Options.AddList("env", 'e', "Set environment variables", valueName: "list");
        var envFile = command.Options.AddList("env-file", null, "Read in a file of environment variables", valueName: "list");
        var interactive = command.Options.AddBool("interactive", 'i', "Keep STDIN open even if not attached");
        var privileged = command.Options.AddBool("privileged", null, "Give extended privileges to the command");
        var tty = command.Options.AddBool("tty", 't', "Allocate a pseudo-TTY");
        var user = command.Options.AddString("user", 'u', "Username or UID (format: \"<name|uid>[:<group|gid>]\")", valueName: "string");
        var workdir = command.Options.AddString("workdir", 'w', "Working directory inside the container", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            if (context.Get(detachKeys) is { Length: > 0 } keys) Runtime.Attach.DetachKeys.Parse(keys);
            var variables = new List<string>();
            foreach (var file in context.Get(envFile)) variables.AddRange(EnvFile.Parse(File.ReadAllText(file), Environment.GetEnvironmentVariable));
            foreach (var entry in context.Get(env))
            {
                if (entry.Contains('=')) variables.Add(entry);
                else if (Environment.GetEnvironmentVariable(entry) is { } value) variables.Add($"{entry}={value}");
            }
            var request = new ExecRequest
            {
                Cmd = context.Arguments.Skip(1).ToList(),
                Env = variables,
                User = context.Get(user),
                WorkingDir = context.Get(workdir),
                Tty = context.Get(tty),
                Detach = context.Get(detach),
                Privileged = context.Get(privileged),
            };
            using var engine = globals.OpenEngine(context);
            var io = new RuntimeIo(
                context.Get(interactive) && !request.Detach ? new SafeFileHandle(0, ownsHandle: false) : null,
                request.Detach ? null : new SafeFileHandle(1, ownsHandle: false),
                request.Detach ? null : new SafeFileHandle(2, ownsHandle: false));
            context.Out.Flush();
            try
            {
                return await engine.Containers.ExecAsync(context.Arguments[0], request, io,
                    (master, token) => TerminalProxy.RunAsync(master, context.Get(interactive), token), ct);
            }
            catch (BerthException e) when (e.Kind != ErrorKind.NotFound && e.Kind != ErrorKind.Conflict)
            {
                // Unlike run, docker's exec ends with 126 for a command that is missing as well as for one that
                // cannot be invoked; other failures of the runtime stay 125.
                var code = RuntimeErrorClassifier.ExitCodeFor(e.Message) == RuntimeErrorClassifier.RuntimeFailure
                    ? e.ExitCode ?? RuntimeErrorClassifier.RuntimeFailure
                    : RuntimeErrorClassifier.CannotInvoke;
                throw new BerthException(e.Kind, e.Message, e) { ExitCode = code };
            }
        });
        return command;
    }
}
