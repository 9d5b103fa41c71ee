namespace Berth.CommandLine.Tests;

/// <summary>
/// A small berth tree shaped like docker's: global flags, the image and container groups, top-level aliases
/// and a non-interspersed run. Each handler records the context it was given.
/// </summary>
internal sealed class SampleCli
{
    public const string FormatHelp = """
        Format output using a custom template:
        'table':            Print output in table format with column headers (default)
        'table TEMPLATE':   Print output in table format using the given Go template
        'json':             Print in JSON format
        'TEMPLATE':         Print output using the given Go template.
        Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates
        """;

    public SampleCli()
    {
        Root = new CliRoot("berth", "A self-sufficient runtime for containers")
        {
            AdditionalHelp = "For more help on how to use Berth, read the README",
        };
        RootDir = Root.GlobalOptions.AddString("root", null, "Root directory of persistent state", defaultValue: "/var/lib/berth");
        Debug = Root.GlobalOptions.AddBool("debug", 'D', "Enable debug mode");
        Version = Root.GlobalOptions.AddBool("version", 'v', "Print version information and quit");
        Root.SetHandler(Record);

        CliCommand image = Root.AddGroup("image", "Manage images");
        ImageLs = new CliCommand("ls", "List images") { Usage = "[OPTIONS] [REPOSITORY[:TAG]]", Args = ArgRule.AtMost(1) };
        ImageLs.Aliases.Add("list");
        All = ImageLs.Options.AddBool("all", 'a', "Show all images (default hides intermediate images)");
        ImageLs.Options.AddBool("digests", null, "Show digests");
        Filter = ImageLs.Options.AddList("filter", 'f', "Filter output based on conditions provided", valueName: "filter");
        Format = ImageLs.Options.AddString("format", null, FormatHelp);
        ImageLs.Options.AddBool("no-trunc", null, "Don't truncate output");
        Quiet = ImageLs.Options.AddBool("quiet", 'q', "Only show image IDs");
        ImageLs.Options.AddBool("tree", null, "List multi-platform images as a tree (EXPERIMENTAL)");
        ImageLs.Options.AddBool("secret", null, "Not listed").Hidden = true;
        ImageLs.SetHandler(Record);
        image.Add(ImageLs);

        Tag = new CliCommand("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
        {
            Usage = "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
            Args = ArgRule.Exactly(2),
        };
        Tag.SetHandler(Record);
        image.Add(Tag);

        var rm = new CliCommand("rm", "Remove one or more images") { Usage = "[OPTIONS] IMAGE [IMAGE...]", Args = ArgRule.AtLeast(1) };
        rm.Aliases.Add("remove");
        Force = rm.Options.AddBool("force", 'f', "Force removal of the image");
        rm.SetHandler(Record);
        image.Add(rm);
        image.Add(new CliCommand("secret", "A hidden command") { Hidden = true }).SetHandler(Record);

        CliCommand container = Root.AddGroup("container", "Manage containers");
        Run = new CliCommand("run", "Create and run a new container from an image")
        {
            Usage = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            Args = ArgRule.AtLeast(1),
            Interspersed = false,
        };
        Detach = Run.Options.AddBool("detach", 'd', "Run container in background and print container ID");
        Env = Run.Options.AddList("env", 'e', "Set environment variables");
        Hostname = Run.Options.AddString("hostname", 'h', "Container host name");
        Sysctl = Run.Options.AddMap("sysctl", null, "Sysctl options");
        CapAdd = Run.Options.AddStringSlice("cap-add", null, "Add Linux capabilities");
        Memory = Run.Options.AddLong("memory-swap", null, "Swap limit");
        Run.SetHandler(Record);
        container.Add(Run);

        var ps = new CliCommand("ls", "List containers") { Usage = "[OPTIONS]", Args = ArgRule.None };
        ps.Aliases.Add("list");
        ps.Aliases.Add("ps");
        Last = ps.Options.AddInt("last", 'n', "Show n last created containers (includes all states)", defaultValue: -1);
        ps.SetHandler(Record);
        container.Add(ps);

        var cp = new CliCommand("cp", "Copy files/folders") { Usage = "CONTAINER:SRC_PATH DEST_PATH", Args = ArgRule.Between(2, 3) };
        cp.SetHandler(Record);
        container.Add(cp);

        var version = new CliCommand("version", "Show the Berth version information") { Usage = "[OPTIONS]", Args = ArgRule.None };
        version.SetHandler(Record);

        Root.AddAlias("run", Run, CliSection.Common);
        Root.AddAlias("ps", ps, CliSection.Common);
        Root.AddAlias("images", ImageLs, CliSection.Common);
        Root.AddCommand(version, CliSection.Common);
        Root.AddAlias("rmi", rm);
        Root.AddAlias("tag", Tag);
        Root.AddAlias("cp", cp);
    }

    public CliRoot Root { get; }

    public StringOption RootDir { get; }

    public BoolOption Debug { get; }

    public BoolOption Version { get; }

    public CliCommand ImageLs { get; }

    public CliCommand Tag { get; }

    public CliCommand Run { get; }

    public BoolOption All { get; }

    public ListOption Filter { get; }

    public StringOption Format { get; }

    public BoolOption Quiet { get; }

    public BoolOption Force { get; }

    public BoolOption Detach { get; }

    public ListOption Env { get; }

    public StringOption Hostname { get; }

    public MapOption Sysctl { get; }

    public StringSliceOption CapAdd { get; }

    public LongOption Memory { get; }

    public IntOption Last { get; }

    /// <summary>The context the last handler ran with, or null when none ran.</summary>
    public CliContext? Context { get; private set; }

    public int HandlerExitCode { get; set; }

    public async Task<Result> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await Root.InvokeAsync(args, stdout, stderr);
        return new Result(exit, stdout.ToString(), stderr.ToString(), Context);
    }

    private Task<int> Record(CliContext context, CancellationToken ct)
    {
        Context = context;
        return Task.FromResult(HandlerExitCode);
    }

    public sealed record Result(int ExitCode, string Out, string Err, CliContext? Context)
    {
        public CliContext Ran => Context ?? throw new InvalidOperationException($"no handler ran; exit {ExitCode}, stderr: {Err}");
    }
}
