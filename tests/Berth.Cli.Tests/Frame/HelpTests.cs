using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Frame;

/// <summary>
/// Approved-text tests of every command's --help. Set BERTH_APPROVE=1 to (re)write the files under Approved/help,
/// then review the diff for docker-likeness before committing.
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands() => new(
        "", "images", "image", "image ls", "image inspect", "image prune", "image rm", "image tag", "image save",
        "image load", "image import", "image history", "system", "system df", "system check", "system gc",
        "system info", "history", "import", "inspect", "load", "rmi", "save", "tag", "version", "info",
        "pull", "push", "image pull", "image push", "login", "logout", "manifest", "manifest inspect",
        "volume", "volume create", "volume inspect", "volume ls", "volume prune", "volume rm",
        "container", "container run", "container create", "container start", "container stop", "container restart",
        "container kill", "container rm", "container ls", "container inspect", "container logs", "container exec",
        "container pause", "container unpause", "container rename", "container wait", "container prune",
        "run", "create", "start", "stop", "restart", "kill", "rm", "ps", "logs", "exec", "pause", "unpause",
        "rename", "wait",
        "top", "stats", "attach", "container top", "container stats", "container attach",
        "cp", "diff", "commit", "export", "container cp", "container diff", "container commit", "container export",
        "build", "builder", "builder prune",
        "port", "container port", "network", "network create", "network ls", "network inspect", "network rm",
        "network prune", "network connect", "network disconnect");

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_MatchesApprovedText(string command)
    {
        var berth = new BerthRunner(RepoPaths.Binary, null, null);
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();
        var result = berth.Run(args).Ok();
        Assert.Equal("", result.Stderr);
        var name = command.Length == 0 ? "berth" : "berth-" + command.Replace(' ', '-');
        var file = Path.Combine(RepoPaths.ApprovedDir, "help", name + ".txt");
        if (Environment.GetEnvironmentVariable("BERTH_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, result.Stdout);
        }
        Assert.True(File.Exists(file), $"{file} is missing: run with BERTH_APPROVE=1 and review it");
        Assert.Equal(File.ReadAllText(file), result.Stdout);
    }

    [Fact]
    public void Help_ShortFlagAndHelpCommandPrintTheSameAsLongFlag()
    {
        var berth = new BerthRunner(RepoPaths.Binary, null, null);
        var expected = berth.Run("images", "--help").Ok().Stdout;
        Assert.Equal(expected, berth.Run("images", "-h").Ok().Stdout);
    }
}
