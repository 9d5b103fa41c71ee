using Berth.Cli.Commands.Image;
using Berth.Cli.Commands.Registry;
using Berth.Cli.Commands.SystemGroup;
using Berth.CommandLine;
using VolumeCommands = Berth.Cli.Commands.Volume;
using NetworkCommands = Berth.Cli.Commands.Network;
using ContainerCommands = Berth.Cli.Commands.Container;
using TerminalHolder = Berth.Engine.Containers.TerminalHolder;

namespace Berth.Cli;

/// <summary>
/// Builds the command tree: groups, commands and docker's top-level aliases. A command line that names a top-level
/// command or alias (<c>berth run</c>, <c>berth ps</c>, a container's monitor) gets a tree with that one command
/// in it, under its group as usual: every process, each container's monitor among them, defined the flags of all
/// 80-odd commands (a <c>ps</c> touched 770 pages of memory with the whole tree, 725 with its own command).
/// Everything else (help, groups, unknown words) gets the whole tree.
/// </summary>
internal static class BerthCommandTree
{
    /// <summary>The tree <paramref name="args"/> needs: one command when they name a top-level one, else the whole tree.</summary>
    public static CliRoot Build(IReadOnlyList<string> args, bool debug)
    {
        var (root, globals) = NewRoot(debug);
        if (root.CommandName(args) is { } named && Populate(root, globals, named)) return root;
        (root, globals) = NewRoot(debug);
        Populate(root, globals, only: null);
        return root;
    }

    private static (CliRoot Root, GlobalOptions Globals) NewRoot(bool debug)
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
        return (root, globals);
    }

    // Adds every command, or with only set the commands the root knows by that name (a top-level command, or an
    // alias and the command it stands for); false when there is none.
    private static bool Populate(CliRoot root, GlobalOptions globals, string? only)
    {
        var wanted = false;
        bool Want(string name)
        {
            var yes = only is null || only == name;
            wanted |= yes;
            return yes;
        }
        CliCommand? Add(CliCommand group, string? topLevelName, Func<CliCommand> create) =>
            only is null || (topLevelName is not null && Want(topLevelName)) ? group.Add(create()) : null;
        void Alias(string name, CliCommand? target, CliSection section = CliSection.Commands)
        {
            if (target is not null && Want(name)) root.AddAlias(name, target, section);
        }

        var image = root.AddGroup("image", "Manage images");
        var list = Add(image, "images", () => ListCommand.Create(globals));
        var pull = Add(image, "pull", () => PullCommand.Create(globals));
        var push = Add(image, "push", () => PushCommand.Create(globals));
        var remove = Add(image, "rmi", () => RemoveCommand.Create(globals));
        var tag = Add(image, "tag", () => TagCommand.Create(globals));
        var inspect = Add(image, null, () => InspectCommand.Create(globals));
        var history = Add(image, "history", () => HistoryCommand.Create(globals));
        var load = Add(image, "load", () => LoadCommand.Create(globals));
        var save = Add(image, "save", () => SaveCommand.Create(globals));
        var import = Add(image, "import", () => ImportCommand.Create(globals));
        Add(image, null, () => PruneCommand.Create(globals));

        var manifest = root.AddGroup("manifest", "Manage image manifests and manifest lists");
        Add(manifest, null, () => ManifestInspectCommand.Create(globals));

        var container = root.AddGroup("container", "Manage containers");
        var run = Add(container, "run", () => ContainerCommands.RunCommand.Create(globals));
        var exec = Add(container, "exec", () => ContainerCommands.ExecCommand.Create(globals));
        var ps = Add(container, "ps", () => ContainerCommands.PsCommand.Create(globals));
        var create = Add(container, "create", () => ContainerCommands.CreateCommand.Create(globals));
        var start = Add(container, "start", () => ContainerCommands.StartCommand.Create(globals));
        var stop = Add(container, "stop", () => ContainerCommands.StopCommand.Create(globals));
        var restart = Add(container, "restart", () => ContainerCommands.RestartCommand.Create(globals));
        var kill = Add(container, "kill", () => ContainerCommands.KillCommand.Create(globals));
        var rm = Add(container, "rm", () => ContainerCommands.RemoveCommand.Create(globals));
        var logs = Add(container, "logs", () => ContainerCommands.LogsCommand.Create(globals));
        var pause = Add(container, "pause", () => ContainerCommands.PauseCommand.Create(globals));
        var unpause = Add(container, "unpause", () => ContainerCommands.UnpauseCommand.Create(globals));
        var rename = Add(container, "rename", () => ContainerCommands.RenameCommand.Create(globals));
        var wait = Add(container, "wait", () => ContainerCommands.WaitCommand.Create(globals));
        var top = Add(container, "top", () => ContainerCommands.TopCommand.Create(globals));
        var stats = Add(container, "stats", () => ContainerCommands.StatsCommand.Create(globals));
        var attach = Add(container, "attach", () => ContainerCommands.AttachCommand.Create(globals));
        var cp = Add(container, "cp", () => ContainerCommands.CpCommand.Create(globals));
        var diff = Add(container, "diff", () => ContainerCommands.DiffCommand.Create(globals));
        var commit = Add(container, "commit", () => ContainerCommands.CommitCommand.Create(globals));
        var export = Add(container, "export", () => ContainerCommands.ExportCommand.Create(globals));
        var port = Add(container, "port", () => ContainerCommands.PortCommand.Create(globals));
        Add(container, null, () => ContainerCommands.InspectCommand.Create(globals));
        Add(container, null, () => ContainerCommands.PruneCommand.Create(globals));
        if (Want("container-monitor")) root.AddCommand(ContainerCommands.MonitorCommand.Create(globals), CliSection.Commands);
        if (Want(TerminalHolder.Command)) root.AddCommand(ContainerCommands.TerminalHolderCommand.Create(), CliSection.Commands);

        var volume = root.AddGroup("volume", "Manage volumes");
        Add(volume, null, () => VolumeCommands.CreateCommand.Create(globals));
        Add(volume, null, () => VolumeCommands.InspectCommand.Create(globals));
        Add(volume, null, () => VolumeCommands.ListCommand.Create(globals));
        Add(volume, null, () => VolumeCommands.PruneCommand.Create(globals));
        Add(volume, null, () => VolumeCommands.RemoveCommand.Create(globals));

        var builder = root.AddGroup("builder", "Manage builds");
        Add(builder, null, () => Commands.Build.BuilderPruneCommand.Create(globals));

        var network = root.AddGroup("network", "Manage networks");
        Add(network, null, () => NetworkCommands.ConnectCommand.Create(globals));
        Add(network, null, () => NetworkCommands.CreateCommand.Create(globals));
        Add(network, null, () => NetworkCommands.DisconnectCommand.Create(globals));
        Add(network, null, () => NetworkCommands.InspectCommand.Create(globals));
        Add(network, null, () => NetworkCommands.ListCommand.Create(globals));
        Add(network, null, () => NetworkCommands.PruneCommand.Create(globals));
        Add(network, null, () => NetworkCommands.RemoveCommand.Create(globals));

        var system = root.AddGroup("system", "Manage Berth");
        var info = Add(system, "info", () => InfoCommand.Create(globals));
        Add(system, null, () => DiskUsageCommand.Create(globals));
        Add(system, null, () => CheckCommand.Create(globals));
        Add(system, null, () => GcCommand.Create(globals));

        // Docker's "Common Commands" order.
        Alias("run", run, CliSection.Common);
        Alias("exec", exec, CliSection.Common);
        Alias("ps", ps, CliSection.Common);
        if (Want("build")) root.AddCommand(Commands.Build.BuildCommand.Create(globals), CliSection.Common);
        Alias("pull", pull, CliSection.Common);
        Alias("push", push, CliSection.Common);
        Alias("images", list, CliSection.Common);
        if (Want("login")) root.AddCommand(LoginCommand.Create(globals), CliSection.Common);
        if (Want("logout")) root.AddCommand(LogoutCommand.Create(globals), CliSection.Common);
        if (Want("version")) root.AddCommand(VersionCommand.Create(globals), CliSection.Common);
        Alias("info", info, CliSection.Common);

        Alias("attach", attach);
        Alias("commit", commit);
        Alias("cp", cp);
        Alias("create", create);
        Alias("diff", diff);
        Alias("export", export);
        Alias("history", history);
        Alias("import", import);
        if (Want("inspect")) root.AddCommand(TopLevelInspectCommand.Create(globals), CliSection.Commands);
        Alias("kill", kill);
        Alias("load", load);
        Alias("logs", logs);
        Alias("pause", pause);
        Alias("port", port);
        Alias("rename", rename);
        Alias("restart", restart);
        Alias("rm", rm);
        Alias("rmi", remove);
        Alias("save", save);
        Alias("start", start);
        Alias("stats", stats);
        Alias("stop", stop);
        Alias("tag", tag);
        Alias("top", top);
        Alias("unpause", unpause);
        Alias("wait", wait);
        return only is null || wanted;
    }
}
