using Berth.CommandLine;
using Berth.Engine;

namespace Berth.Cli;

/// <summary>The flags every command accepts before its name, and how they open the engine.</summary>
internal sealed class GlobalOptions
{
    public GlobalOptions(CliOptionSet options)
    {
        Root = options.AddString("root", null, "Root directory of persistent Berth state (env BERTH_ROOT)", defaultValue: EngineOptions.DefaultRoot);
        RunRoot = options.AddString("runroot", null, "Root directory of runtime state (env BERTH_RUNROOT)", defaultValue: EngineOptions.DefaultRunRoot);
        StorageDriver = options.AddString("storage-driver", null, "Storage driver to use", defaultValue: "overlay");
        LogLevel = options.AddString("log-level", 'l', "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")", defaultValue: "info");
        Debug = options.AddBool("debug", 'D', "Enable debug mode");
        Version = options.AddBool("version", 'v', "Print version information and quit");
    }

    public StringOption Root { get; }
    public StringOption RunRoot { get; }
    public StringOption StorageDriver { get; }
    public StringOption LogLevel { get; }
    public BoolOption Debug { get; }
    public BoolOption Version { get; }

    /// <summary>Flags win over the environment, the environment over the defaults.</summary>
    public BerthEngine OpenEngine(CliContext context) => BerthEngine.Open(ResolveEngineOptions(context));

    /// <summary>The options <see cref="OpenEngine"/> opens the engine with.</summary>
    public EngineOptions ResolveEngineOptions(CliContext context) => DaemonConfigFile.Apply(new EngineOptions
    {
        Root = Pick(context, Root, "BERTH_ROOT"),
        RunRoot = Pick(context, RunRoot, "BERTH_RUNROOT"),
        StorageDriver = Pick(context, StorageDriver, "BERTH_STORAGE_DRIVER"),
    });

    public bool IsDebug(CliContext context) => context.Get(Debug) || context.Get(LogLevel) == "debug";

    private static string Pick(CliContext context, StringOption option, string environmentVariable) =>
        context.IsSet(option) ? context.Get(option)! :
        Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment :
        context.Get(option)!;
}
