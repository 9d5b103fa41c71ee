using Berth.CommandLine;

namespace Berth.Cli.Commands.SystemGroup;

/// <summary><c>berth system gc</c>: collect unreferenced blobs and layers now (normally done after each removal).</summary>
internal static class GcCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("gc", "Remove unreferenced blobs and layer snapshots") { Usage = "[OPTIONS]", Args = ArgRule.None };
        command.SetHandler((context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            if (engine.System.CollectGarbage()) return Task.FromResult(0);
            context.Err.WriteLine("Error: another berth process is using the store; try again when it has finished");
            return Task.FromResult(ErrorMapping.Failure);
        });
        return command;
    }
}
