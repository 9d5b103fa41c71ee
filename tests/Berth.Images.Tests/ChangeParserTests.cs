using Berth.Oci;

namespace Berth.Images.Tests;

public sealed class ChangeParserTests
{
    private static ContainerConfig Apply(params string[] changes) => ChangeParser.Apply(null, changes);

    [Fact]
    public void Cmd_exec_and_shell_forms()
    {
        Assert.Equal(["echo", "hi"], Apply("CMD [\"echo\", \"hi\"]").Cmd);
        Assert.Equal(["/bin/sh", "-c", "echo $HOME && ls"], Apply("CMD echo $HOME && ls").Cmd);
        Assert.Equal(["/bin/sh", "-c", "[not json"], Apply("cmd [not json").Cmd);
    }

    [Fact]
    public void Entrypoint_clears_an_inherited_cmd_but_not_one_set_before_it()
    {
        var inherited = new ContainerConfig { Cmd = ["old"] };
        var config = ChangeParser.Apply(inherited, ["ENTRYPOINT [\"/app\"]"]);
        Assert.Equal(["/app"], config.Entrypoint);
        Assert.Null(config.Cmd);
        var both = ChangeParser.Apply(inherited, ["CMD [\"--help\"]", "ENTRYPOINT /app run"]);
        Assert.Equal(["/bin/sh", "-c", "/app run"], both.Entrypoint);
        Assert.Equal(["--help"], both.Cmd);
    }

    [Fact]
    public void Env_both_forms_quotes_and_expansion()
    {
        var config = ChangeParser.Apply(new ContainerConfig { Env = ["PATH=/bin", "A=old"] },
            ["ENV A=1 B=\"v 2\" C='$A' D=$A:${PATH}", "ENV LEGACY some value here", "ENV E=x\\ y"]);
        // As in a Dockerfile, one ENV line expands against the environment before it: D sees the old A.
        Assert.Equal(["PATH=/bin", "A=1", "B=v 2", "C=$A", "D=old:/bin", "LEGACY=some value here", "E=x y"], config.Env);
        Assert.Equal(["X=fallback"], Apply("ENV X=${UNSET:-fallback}").Env);
    }

    [Fact]
    public void Workdir_user_stopsignal()
    {
        var config = Apply("WORKDIR /app", "WORKDIR sub", "USER 1000:1000", "STOPSIGNAL SIGTERM");
        Assert.Equal("/app/sub", config.WorkingDir);
        Assert.Equal("1000:1000", config.User);
        Assert.Equal("SIGTERM", config.StopSignal);
    }

    [Fact]
    public void Expose_ports_become_port_proto_keys()
    {
        var config = Apply("EXPOSE 80 443/tcp 53/UDP 8000-8002");
        Assert.Equal(["443/tcp", "53/udp", "80/tcp", "8000-8002/tcp"], config.ExposedPorts!.Keys);
        Assert.Contains("invalid containerPort: abc", Assert.Throws<BerthException>(() => Apply("EXPOSE abc")).Message);
        Assert.Contains("invalid proto: icmp", Assert.Throws<BerthException>(() => Apply("EXPOSE 80/icmp")).Message);
    }

    [Fact]
    public void Label_pairs_with_quotes_and_legacy_form()
    {
        var config = Apply("LABEL a=1 \"b c\"=\"two words\" version=1.0", "LABEL maintainer someone@example.com");
        Assert.Equal("1", config.Labels!["a"]);
        Assert.Equal("two words", config.Labels["b c"]);
        Assert.Equal("someone@example.com", config.Labels["maintainer"]);
        Assert.Contains("can't find = in \"b\"", Assert.Throws<BerthException>(() => Apply("LABEL a=1 b")).Message);
    }

    [Fact]
    public void Volume_json_and_list_forms()
    {
        Assert.Equal(["/data", "/logs"], Apply("VOLUME [\"/data\", \"/logs\"]").Volumes!.Keys);
        Assert.Equal(["/a", "/b"], Apply("VOLUME /a /b").Volumes!.Keys);
        Assert.Contains("can not be an empty string", Assert.Throws<BerthException>(() => Apply("VOLUME [\"\"]")).Message);
    }

    [Fact]
    public void Onbuild_keeps_the_trigger_and_refuses_chains()
    {
        Assert.Equal(["RUN echo hi"], Apply("ONBUILD RUN echo hi").OnBuild);
        Assert.Contains("ONBUILD ONBUILD", Assert.Throws<BerthException>(() => Apply("ONBUILD ONBUILD RUN x")).Message);
    }

    [Fact]
    public void Healthcheck_options_and_none()
    {
        var config = Apply("HEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD curl -f http://localhost/");
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/"], config.Healthcheck!.Test);
        Assert.Equal(30_000_000_000, config.Healthcheck.Interval);
        Assert.Equal(90_000_000_000, config.Healthcheck.Timeout);
        Assert.Equal(3, config.Healthcheck.Retries);
        Assert.Equal(["CMD", "true"], Apply("HEALTHCHECK CMD [\"true\"]").Healthcheck!.Test);
        Assert.Equal(["NONE"], Apply("HEALTHCHECK NONE").Healthcheck!.Test);
    }

    [Theory]
    [InlineData("RUN echo hi", "run is not a valid change command")]
    [InlineData("FOO bar", "foo is not a valid change command")]
    [InlineData("from busybox", "from is not a valid change command")]
    public void Instructions_docker_refuses_for_commits_are_errors(string change, string message)
    {
        var error = Assert.Throws<BerthException>(() => Apply("ENV A=1", change));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void No_changes_keep_the_config()
    {
        var config = new ContainerConfig { Cmd = ["x"], User = "u" };
        Assert.Equal(config.Cmd, ChangeParser.Apply(config, []).Cmd);
        Assert.Equal("dockerfile parse error: ENV: ENV requires at least one argument", Assert.Throws<BerthException>(() => Apply("ENV")).Message);
    }
}
