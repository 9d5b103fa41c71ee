using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Images;
using Berth.Oci;

namespace Berth.Cli.Commands.Registry;

/// <summary><c>berth pull NAME[:TAG|@DIGEST]</c>: docker's progress lines, digest and status, then the full reference.</summary>
internal static class PullCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("pull", "Download an image from a registry") { Usage = "[OPTIONS] NAME[:TAG|@DIGEST]", Args = ArgRule.Exactly(1) };
        var allTags = command.Options.AddBool("all-tags", 'a', "Download all tagged images in the repository");
        var platform = command.Options.AddString("platform", null, "Set platform if server is multi-platform capable", valueName: "string");
        var quiet = command.Options.AddBool("quiet", 'q', "Suppress verbose output");
        command.SetHandler(async (context, ct) =>
        {
            var name = context.Arguments[0];
            if (!Reference.TryParse(name, out var reference, out var error)) throw BerthException.Invalid(error);
            var all = context.Get(allTags);
            var output = context.Get(quiet) ? TextWriter.Null : context.Out;
            if (!all && reference.Tag is null && reference.Digest is null) output.WriteLine($"Using default tag: {Reference.DefaultTag}");
            var shown = reference.WithDefaultTag();
            if (!all) output.WriteLine($"{(object?)shown.Digest ?? shown.Tag}: Pulling from {shown.Path}");
            using var engine = globals.OpenEngine(context);
            var options = new PullOptions
            {
                AllTags = all,
                Platform = context.Get(platform) is { Length: > 0 } p ? Platform.Parse(p) : null,
            };
            var results = await engine.Images.PullAsync(name, options, ProgressRenderer.ForStdout(output, plainLines: true), ct);
            foreach (var result in results)
            {
                output.WriteLine($"Digest: {result.Digest}");
                var familiar = result.Reference.ToFamiliarString();
                output.WriteLine(result.Updated ? $"Status: Downloaded newer image for {familiar}" : $"Status: Image is up to date for {familiar}");
            }
            context.Out.WriteLine(all ? reference.Name : results[0].Reference.ToString());
            return 0;
        });
        return command;
    }
}
