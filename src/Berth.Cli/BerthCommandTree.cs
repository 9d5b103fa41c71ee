using Berth.Cli.Commands.Image;
using Berth.Cli.Commands.Registry;
using Berth.Cli.Commands.SystemGroup;
using Berth.CommandLine;
using VolumeCommands = Berth.Cli.Commands.Volume;

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

        var volume = root.AddGroup("volume", "Manage volumes");
        volume.Add(VolumeCommands.CreateCommand.Create(globals));
        volume.Add(VolumeCommands.InspectCommand.Create(globals));
        volume.Add(VolumeCommands.ListCommand.Create(globals));
        volume.Add(VolumeCommands.PruneCommand.Create(globals));
        volume.Add(VolumeCommands.RemoveCommand.Create(globals));

        var system = root.AddGroup("system", "Manage Berth");
        var info = system.Add(InfoCommand.Create(globals));
        system.Add(DiskUsageCommand.Create(globals));
        system.Add(CheckCommand.Create(globals));
        system.Add(GcCommand.Create(globals));

        // Docker's "Common Commands" order.
        root.AddAlias("pull", pull, CliSection.Common);
        root.AddAlias("push", push, CliSection.Common);
        root.AddAlias("images", list, CliSection.Common);
        root.AddCommand(LoginCommand.Create(globals), CliSection.Common);
        root.AddCommand(LogoutCommand.Create(globals), CliSection.Common);
        root.AddCommand(VersionCommand.Create(globals), CliSection.Common);
        root.AddAlias("info", info, CliSection.Common);

        root.AddAlias("history", history);
        root.AddAlias("import", import);
        root.AddCommand(TopLevelInspectCommand.Create(globals), CliSection.Commands);
        root.AddAlias("load", load);
        root.AddAlias("rmi", remove);
        root.AddAlias("save", save);
        root.AddAlias("tag", tag);
        return root;
    }
}
