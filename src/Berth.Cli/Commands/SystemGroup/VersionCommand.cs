using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.SystemGroup;

/// <summary>
/// <c>berth version</c>: docker's two sections. Berth has no daemon, so "Server" describes the engine this
/// same binary runs, and the OCI runtime it drives.
/// </summary>
internal static class VersionCommand
{
    public const string ApiVersion = "1.41";

    private const string DefaultTemplate = """
        Client: Berth
         Version:           {{.Client.Version}}
         API version:       {{.Client.ApiVersion}}
         .NET version:      {{.Client.DotnetVersion}}
         Git commit:        {{.Client.GitCommit}}
         OS/Arch:           {{.Client.Os}}/{{.Client.Arch}}
         Context:           {{.Client.Context}}

        Server: Berth Engine (daemonless)
         Engine:
          Version:          {{.Server.Version}}
          API version:      {{.Server.ApiVersion}}
          OS/Arch:          {{.Server.Os}}/{{.Server.Arch}}
         {{- range .Server.Components}}
         {{.Name}}:
          Version:          {{.Version}}
         {{- end}}
        """;

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("version", "Show the Berth version information") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        command.SetHandler((context, ct) =>
        {
            var arch = Oci.Platform.Host.Architecture;
            var runc = Engine.SystemInfo.RuntimeVersions.Of("runc");
            var data = new JsonObject
            {
                ["Client"] = new JsonObject
                {
                    ["Platform"] = new JsonObject { ["Name"] = "Berth" },
                    ["Version"] = VersionInfo.Version,
                    ["ApiVersion"] = ApiVersion,
                    ["DefaultAPIVersion"] = ApiVersion,
                    ["DotnetVersion"] = RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal),
                    ["GitCommit"] = VersionInfo.Commit,
                    ["Os"] = "linux",
                    ["Arch"] = arch,
                    ["Context"] = "default",
                },
                ["Server"] = new JsonObject
                {
                    ["Platform"] = new JsonObject { ["Name"] = "Berth Engine" },
                    ["Version"] = VersionInfo.Version,
                    ["ApiVersion"] = ApiVersion,
                    ["MinAPIVersion"] = ApiVersion,
                    ["Os"] = "linux",
                    ["Arch"] = arch,
                    ["Components"] = new JsonArray(
                        new JsonObject { ["Name"] = "runc", ["Version"] = runc ?? "not found" }),
                },
            };
            var template = context.Get(format);
            OutputFormat.WriteSingle(context.Out, template.Length > 0 ? template : DefaultTemplate, data);
            return Task.FromResult(0);
        });
        return command;
    }
}
