using Berth.CommandLine;
using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// The hidden <c>container-monitor</c> command: the body of a container's monitor process, started by
/// <c>start</c>/<c>run</c> in a session of its own with the write end of a sync pipe as fd 3. With
/// <c>--wait-start</c> it was started before its container existed: it opens the engine, then waits for the start
/// on the assignment pipe at fd 4.
/// </summary>
internal static class MonitorCommand
{
    private const int SyncFd = 3;
    private const int AssignmentFd = 4;

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("container-monitor", "Run and supervise one container (used by start and run)")
        {
            Usage = "CONTAINER",
            Args = ArgRule.Exactly(1),
            Hidden = true,
        };
        var waitAttach = command.Options.AddBool("wait-attach", null, "Start the container once a client attached");
        var waitStart = command.Options.AddBool("wait-start", null, "Wait for the start on fd 4 (started before the container existed)");
        command.SetHandler(async (context, ct) =>
        {
            using var sync = new FileStream(new SafeFileHandle(SyncFd, ownsHandle: true), FileAccess.Write, bufferSize: 1);
            Linux.Descriptors.SetCloseOnExec(sync.SafeFileHandle);
            using var assignment = context.Get(waitStart)
                ? new FileStream(new SafeFileHandle(AssignmentFd, ownsHandle: true), FileAccess.Read, bufferSize: 1)
                : null;
            if (assignment is not null) Linux.Descriptors.SetCloseOnExec(assignment.SafeFileHandle);
            using var engine = globals.OpenEngine(context);
            return assignment is null
                ? await engine.Containers.RunMonitorAsync(context.Arguments[0], context.Get(waitAttach), sync, ct)
                : await engine.Containers.RunPreparedMonitorAsync(context.Arguments[0], assignment, sync, ct);
        });
        return command;
    }
}
