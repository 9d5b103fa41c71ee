using Berth.CommandLine;

namespace Berth.Cli.Commands.SystemGroup;

/// <summary><c>berth system check</c>: verifies the whole store; exit 1 when anything is wrong.</summary>
internal static class CheckCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("check", "Verify every blob, layer and record in the store") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var quiet = command.Options.AddBool("quiet", 'q', "Only print problems");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var report = await engine.System.CheckAsync(null, ct);
            foreach (var problem in report.Problems) context.Out.WriteLine($"error: {problem}");
            if (!context.Get(quiet))
            {
                foreach (var note in report.Notes) context.Out.WriteLine($"note: {note}");
                context.Out.WriteLine(report.Problems.Count == 0
                    ? $"ok: {report.Blobs} blobs, {report.Images} images and {report.Layers} layers verified, no problems found"
                    : $"{report.Problems.Count} problem(s) found");
            }
            return report.Problems.Count == 0 ? 0 : ErrorMapping.Failure;
        });
        return command;
    }
}
