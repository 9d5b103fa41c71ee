using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Registry;

/// <summary><c>berth manifest inspect NAME</c>: the manifest or index as the registry serves it, indented as docker prints it.</summary>
internal static class ManifestInspectCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 3, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("inspect", "Display an image manifest, or manifest list") { Usage = "[OPTIONS] [MANIFEST_LIST] MANIFEST", Args = ArgRule.Between(1, 2) };
        command.Options.AddBool("insecure", null, "Allow communication with an insecure registry");
        command.Options.AddBool("verbose", 'v', "Output additional info including layers and platform");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var manifest = await engine.Registry.GetManifestAsync(context.Arguments[^1], ct);
            context.Out.WriteLine(JsonNode.Parse(manifest.Content)?.ToJsonString(Indented));
            return 0;
        });
        return command;
    }
}
