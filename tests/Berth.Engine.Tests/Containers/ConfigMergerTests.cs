using Berth.Engine.Containers;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Tests.Containers;

public sealed class ConfigMergerTests
{
    private static readonly ContainerConfig Image = new()
    {
        Entrypoint = ["/entry"],
        Cmd = ["default-arg"],
        Env = ["PATH=/image/bin", "KEEP=1", "OVERRIDE=image"],
        WorkingDir = "/app",
        User = "app",
        Labels = new Dictionary<string, string> { ["from"] = "image", ["both"] = "image" },
        StopSignal = "SIGQUIT",
    };

    [Fact]
    public void Without_flags_the_image_config_applies()
    {
        var merged = ConfigMerger.Merge(new DockerContainerConfig(), Image, "img");
        Assert.Equal(["/entry"], merged.Entrypoint!);
        Assert.Equal(["default-arg"], merged.Cmd!);
        Assert.Equal("/app", merged.WorkingDir);
        Assert.Equal("app", merged.User);
        Assert.Equal("SIGQUIT", merged.StopSignal);
        Assert.Equal("img", merged.Image);
        var (path, args) = ConfigMerger.Command(merged);
        Assert.Equal("/entry", path);
        Assert.Equal(["default-arg"], args);
    }

    [Fact]
    public void A_command_replaces_cmd_and_keeps_the_entrypoint()
    {
        var merged = ConfigMerger.Merge(new DockerContainerConfig { Cmd = ["mine"] }, Image, "img");
        Assert.Equal(["/entry"], merged.Entrypoint!);
        Assert.Equal(["mine"], merged.Cmd!);
    }

    [Fact]
    public void An_entrypoint_flag_drops_the_images_cmd()
    {
        var merged = ConfigMerger.Merge(new DockerContainerConfig { Entrypoint = ["/other"] }, Image, "img");
        Assert.Equal(["/other"], merged.Entrypoint!);
        Assert.Null(merged.Cmd);
    }

    [Fact]
    public void An_empty_entrypoint_clears_it_and_keeps_the_images_cmd()
    {
        var merged = ConfigMerger.Merge(new DockerContainerConfig { Entrypoint = [""] }, Image, "img");
        Assert.Null(merged.Entrypoint);
        Assert.Equal(["default-arg"], merged.Cmd!);
    }

    [Fact]
    public void No_command_at_all_is_an_error()
    {
        var merged = ConfigMerger.Merge(new DockerContainerConfig(), new ContainerConfig(), "img");
        var error = Assert.Throws<BerthException>(() => ConfigMerger.Command(merged));
        Assert.Equal("No command specified", error.Message);
    }

    [Fact]
    public void Environment_and_labels_merge_by_name_with_the_users_values_winning()
    {
        var merged = ConfigMerger.Merge(new DockerContainerConfig
        {
            Env = ["OVERRIDE=user", "NEW=2"],
            Labels = new Dictionary<string, string> { ["both"] = "user" },
        }, Image, "img");
        Assert.Equal(["PATH=/image/bin", "KEEP=1", "OVERRIDE=user", "NEW=2"], merged.Env!);
        Assert.Equal("image", merged.Labels!["from"]);
        Assert.Equal("user", merged.Labels!["both"]);
    }

    [Fact]
    public void The_runtime_environment_adds_path_hostname_term_and_home_under_the_containers_own()
    {
        var env = ConfigMerger.RuntimeEnv(["HOSTNAME=mine", "A=1"], "box", tty: true, home: "/root");
        Assert.Equal([ConfigMerger.DefaultPath, "HOSTNAME=mine", "TERM=xterm", "A=1", "HOME=/root"], env);
        var imagePath = ConfigMerger.RuntimeEnv(["PATH=/bin"], "box", tty: false, home: "/home/x");
        Assert.Equal(["PATH=/bin", "HOSTNAME=box", "HOME=/home/x"], imagePath);
    }
}
