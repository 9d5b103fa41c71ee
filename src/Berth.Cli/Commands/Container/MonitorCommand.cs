using Berth.CommandLine;
using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// The hidden <c>container-monitor</c> command: the body of a container's monitor process, started by
/// <c>start</c>/<c>run</c> in a session of its own with the write end of a sync pipe as fd 3. Without a container
/// argument it was started ahead of its container and reads the assignment from fd 4 once the engine is open.
/// </summary>
internal static class MonitorCommand
{
    private const int SyncFd = 3;
    private const int AssignmentFd = 4;

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("container-monitor", "Run and supervise one container (used by start and run)")
        {
            Usage = "[CONTAINER]",
            Args = ArgRule.AtMost(1),
            Hidden = true,
        };
        var waitAttach = command.Options.AddBool("wait-attach", null, "Start the container once a client attached");
        command.SetHandler(async (context, ct) =>
        {
            using var sync = new FileStream(new SafeFileHandle(SyncFd, ownsHandle: true), FileAccess.Write, bufferSize: 1);
            Linux.Descriptors.SetCloseOnExec(sync.SafeFileHandle);
            if (context.Arguments.Count == 1)
            {
                using var engine = globals.OpenEngine(context);
                return await engine.Containers.RunMonitorAsync(context.Arguments[0], context.Get(waitAttach), sync, ct);
            }
            using var assignment = new FileStream(new SafeFileHandle(AssignmentFd, ownsHandle: true), FileAccess.Read, bufferSize: 1);
            Linux.Descriptors.SetCloseOnExec(assignment.SafeFileHandle);
            using var opened = globals.OpenEngine(context);
            return await opened.Containers.RunAssignedMonitorAsync(assignment, sync, ct);
        });
        return command;
    }
}
