using System.Text;
using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine.Json;
using Berth.Engine.Models;

namespace Berth.Cli.Commands.SystemGroup;

/// <summary><c>berth info</c>: docker's layout, or a template over the Docker-shaped info document.</summary>
internal static class InfoCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("info", "Display system-wide information") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var format = command.Options.AddString("format", 'f', OutputFormat.InspectFormatHelp, valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            using var engine = globals.OpenEngine(context);
            var info = await engine.System.InfoAsync(VersionInfo.Version, ct);
            if (context.Get(format) is { Length: > 0 } template)
            {
                OutputFormat.WriteSingle(context.Out, template, OutputFormat.ToNode(info, EngineJsonContext.Default.EngineInfo)!);
                return 0;
            }
            context.Out.Write(Render(info, globals.IsDebug(context)));
            foreach (var warning in info.Warnings) context.Err.WriteLine(warning);
            return 0;
        });
        return command;
    }

    private static string Render(EngineInfo info, bool debug)
    {
        var text = new StringBuilder();
        text.AppendLine("Client:");
        text.AppendLine($" Version:    {VersionInfo.Version}");
        text.AppendLine(" Context:    default");
        text.AppendLine($" Debug Mode: {debug.ToString().ToLowerInvariant()}");
        text.AppendLine();
        text.AppendLine("Server:");
        text.AppendLine($" Containers: {info.Containers}");
        text.AppendLine($"  Running: {info.ContainersRunning}");
        text.AppendLine($"  Paused: {info.ContainersPaused}");
        text.AppendLine($"  Stopped: {info.ContainersStopped}");
        text.AppendLine($" Images: {info.Images}");
        text.AppendLine($" Server Version: {info.ServerVersion}");
        text.AppendLine($" Storage Driver: {info.Driver}");
        foreach (var status in info.DriverStatus) text.AppendLine($"  {status[0]}: {status[1]}");
        text.AppendLine($" Logging Driver: {info.LoggingDriver}");
        text.AppendLine($" Cgroup Driver: {info.CgroupDriver}");
        text.AppendLine($" Cgroup Version: {info.CgroupVersion}");
        text.AppendLine($" Runtimes: {string.Join(' ', info.Runtimes.Keys.Order())}");
        text.AppendLine($" Default Runtime: {info.DefaultRuntime}");
        foreach (var (name, runtime) in info.Runtimes) text.AppendLine($" {name} version: {runtime.Version ?? "unknown"} ({runtime.Path})");
        text.AppendLine($" Kernel Version: {info.KernelVersion}");
        text.AppendLine($" Operating System: {info.OperatingSystem}");
        text.AppendLine($" OSType: {info.OSType}");
        text.AppendLine($" Architecture: {info.Architecture}");
        text.AppendLine($" CPUs: {info.NCPU}");
        text.AppendLine($" Total Memory: {HumanSize.Binary(info.MemTotal)}");
        text.AppendLine($" Name: {info.Name}");
        text.AppendLine($" ID: {info.ID}");
        text.AppendLine($" Berth Root Dir: {info.DockerRootDir}");
        text.AppendLine($" Exec Root Dir: {info.ExecRoot}");
        text.AppendLine($" Debug Mode: {debug.ToString().ToLowerInvariant()}");
        return text.ToString();
    }
}
