using System.Runtime.InteropServices;
using Berth.Cli;

using var cancellation = new CancellationTokenSource();
// Ctrl-C and Ctrl-\ cancel the command instead of killing the process. Registered directly rather than through
// Console.CancelKeyPress, which first sets up the whole console (terminal state and its handlers), a few tenths of
// a millisecond that every berth process, each container's monitor among them, would pay at start.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Cancel);
var root = BerthCommandTree.Build(args, debug: args.Contains("-D") || args.Contains("--debug"));
return await root.InvokeAsync(args, Console.Out, Console.Error, cancellation.Token);

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
