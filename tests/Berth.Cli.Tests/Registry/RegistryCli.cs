using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Registry;

/// <summary>
/// Runs berth for the registry tests with a daemon.json and a docker config.json of the test's own (under work/),
/// so neither /etc/berth/daemon.json nor the user's ~/.docker reaches the binary.
/// </summary>
public static class RegistryCli
{
    public static string DaemonJson(TestRoot t) => t.WorkPath("daemon.json");

    public static string DockerConfigDir(TestRoot t) => t.WorkPath("docker");

    public static Dictionary<string, string> Env(TestRoot t)
    {
        if (!File.Exists(DaemonJson(t)))
            File.WriteAllText(DaemonJson(t), "{}");
        return new() { ["BERTH_CONFIG"] = DaemonJson(t), ["DOCKER_CONFIG"] = DockerConfigDir(t) };
    }

    public static BerthResult Run(TestRoot t, params string[] args) => t.Berth.Exec(args, env: Env(t));

    public static BerthResult RunWithStdin(TestRoot t, string stdin, params string[] args) =>
        t.Berth.Exec(args, stdin: System.Text.Encoding.UTF8.GetBytes(stdin), env: Env(t));

    /// <summary>Asserts <c>system check</c> finds nothing wrong.</summary>
    public static void AssertClean(TestRoot t)
    {
        var check = Run(t, "system", "check").Ok();
        Assert.Contains("no problems found", check.Stdout);
    }

    public static string ImageId(TestRoot t, string name) =>
        Run(t, "image", "inspect", "--format", "{{.Id}}", name).Ok().Stdout.Trim();
}
