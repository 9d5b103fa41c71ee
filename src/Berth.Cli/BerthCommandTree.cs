using Berth.Cli.Commands.Image;
using Berth.Cli.Commands.Registry;
using Berth.Cli.Commands.SystemGroup;
using Berth.CommandLine;
using VolumeCommands = Berth.Cli.Commands.Volume;
using NetworkCommands = Berth.Cli.Commands.Network;
using ContainerCommands = Berth.Cli.Commands.Container;

namespace Berth.Cli;

/// <summary>Builds the whole command tree: groups, commands and docker's top-level aliases.</summary>
internal static class BerthCommandTree
{
    public static CliRoot Build(bool debug = false)
    {
        var root = new CliRoot("berth", "A self-sufficient runtime for containers");
        root.AdditionalHelp = "For more help on how to use Berth, head to the README.";
        var globals = new GlobalOptions(root.GlobalOptions);
        root.ErrorMapper = e => ErrorMapping.Map(e, debug);
        root.SetHandler((context, ct) =>
        {
            if (context.Get(globals.Version))
            {
                context.Out.WriteLine($"Berth version {VersionInfo.Version}, build {VersionInfo.Commit}");
                return Task.FromResult(0);
            }
            context.WriteHelp(context.Out);
            return Task.FromResult(0);
        });

        var image = root.AddGroup("image", "Manage images");
        var list = image.Add(ListCommand.Create(globals));
        var pull = image.Add(PullCommand.Create(globals));
        var push = image.Add(PushCommand.Create(globals));
        var remove = image.Add(RemoveCommand.Create(globals));
        var tag = image.Add(TagCommand.Create(globals));
        var inspect = image.Add(InspectCommand.Create(globals));
        var history = image.Add(HistoryCommand.Create(globals));
        var load = image.Add(LoadCommand.Create(globals));
        var save = image.Add(SaveCommand.Create(globals));
        var import = image.Add(ImportCommand.Create(globals));
        image.Add(PruneCommand.Create(globals));

        var manifest = root.AddGroup("manifest", "Manage image manifests and manifest lists");
        manifest.Add(ManifestInspectCommand.Create(globals));

        var container = root.AddGroup("container", "Manage containers");
        var run = container.Add(ContainerCommands.RunCommand.Create(globals));
        var exec = container.Add(ContainerCommands.ExecCommand.Create(globals));
        var ps = container.Add(ContainerCommands.PsCommand.Create(globals));
        var create = container.Add(ContainerCommands.CreateCommand.Create(globals));
        var start = container.Add(ContainerCommands.StartCommand.Create(globals));
        var stop = container.Add(ContainerCommands.StopCommand.Create(globals));
        var restart = container.Add(ContainerCommands.RestartCommand.Create(globals));
        var kill = container.Add(ContainerCommands.KillCommand.Create(globals));
        var rm = container.Add(ContainerCommands.RemoveCommand.Create(globals));
        var logs = container.Add(ContainerCommands.LogsCommand.Create(globals));
        var pause = container.Add(ContainerCommands.PauseCommand.Create(globals));
        var unpause = container.Add(ContainerCommands.UnpauseCommand.Create(globals));
        var rename = container.Add(ContainerCommands.RenameCommand.Create(globals));
        var wait = container.Add(ContainerCommands.WaitCommand.Create(globals));
        var top = container.Add(ContainerCommands.TopCommand.Create(globals));
        var stats = container.Add(ContainerCommands.StatsCommand.Create(globals));
        var attach = container.Add(ContainerCommands.AttachCommand.Create(globals));
        var cp = container.Add(ContainerCommands.CpCommand.Create(globals));
        var diff = container.Add(ContainerCommands.DiffCommand.Create(globals));
        var commit = container.Add(ContainerCommands.CommitCommand.Create(globals));
        var export = container.Add(ContainerCommands.ExportCommand.Create(globals));
        var port = container.Add(ContainerCommands.PortCommand.Create(globals));
        container.Add(ContainerCommands.InspectCommand.Create(globals));
        container.Add(ContainerCommands.PruneCommand.Create(globals));
        root.AddCommand(ContainerCommands.MonitorCommand.Create(globals), CliSection.Commands);
        root.AddCommand(ContainerCommands.TerminalHolderCommand.Create(), CliSection.Commands);

        var volume = root.AddGroup("volume", "Manage volumes");
        volume.Add(VolumeCommands.CreateCommand.Create(globals));
        volume.Add(VolumeCommands.InspectCommand.Create(globals));
        volume.Add(VolumeCommands.ListCommand.Create(globals));
        volume.Add(VolumeCommands.PruneCommand.Create(globals));
        volume.Add(VolumeCommands.RemoveCommand.Create(globals));

        var builder = root.AddGroup("builder", "Manage builds");
        builder.Add(Commands.Build.BuilderPruneCommand.Create(globals));

        var network = root.AddGroup("network", "Manage networks");
        network.Add(NetworkCommands.ConnectCommand.Create(globals));
        network.Add(NetworkCommands.CreateCommand.Create(globals));
        network.Add(NetworkCommands.DisconnectCommand.Create(globals));
        network.Add(NetworkCommands.InspectCommand.Create(globals));
        network.Add(NetworkCommands.ListCommand.Create(globals));
        network.Add(NetworkCommands.PruneCommand.Create(globals));
        network.Add(NetworkCommands.RemoveCommand.Create(globals));

        var system = root.AddGroup("system", "Manage Berth");
        var info = system.Add(InfoCommand.Create(globals));
        system.Add(DiskUsageCommand.Create(globals));
        system.Add(CheckCommand.Create(globals));
        system.Add(GcCommand.Create(globals));

        // Docker's "Common Commands" order.
        root.AddAlias("run", run, CliSection.Common);
        root.AddAlias("exec", exec, CliSection.Common);
        root.AddAlias("ps", ps, CliSection.Common);
        root.AddCommand(Commands.Build.BuildCommand.Create(globals), CliSection.Common);
        root.AddAlias("pull", pull, CliSection.Common);
        root.AddAlias("push", push, CliSection.Common);
        root.AddAlias("images", list, CliSection.Common);
        root.AddCommand(LoginCommand.Create(globals), CliSection.Common);
        root.AddCommand(LogoutCommand.Create(globals), CliSection.Common);
        root.AddCommand(VersionCommand.Create(globals), CliSection.Common);
        root.AddAlias("info", info, CliSection.Common);

        root.AddAlias("attach", attach);
        root.AddAlias("commit", commit);
        root.AddAlias("cp", cp);
        root.AddAlias("create", create);
        root.AddAlias("diff", diff);
        root.AddAlias("export", export);
        root.AddAlias("history", history);
        root.AddAlias("import", import);
        root.AddCommand(TopLevelInspectCommand.Create(globals), CliSection.Commands);
        root.AddAlias("kill", kill);
        root.AddAlias("load", load);
        root.AddAlias("logs", logs);
        root.AddAlias("pause", pause);
        root.AddAlias("port", port);
        root.AddAlias("rename", rename);
        root.AddAlias("restart", restart);
        root.AddAlias("rm", rm);
        root.AddAlias("rmi", remove);
        root.AddAlias("save", save);
        root.AddAlias("start", start);
        root.AddAlias("stats", stats);
        root.AddAlias("stop", stop);
        root.AddAlias("tag", tag);
        root.AddAlias("top", top);
        root.AddAlias("unpause", unpause);
        root.AddAlias("wait", wait);
        return root;
    }
}
