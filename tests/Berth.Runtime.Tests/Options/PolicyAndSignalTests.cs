using Berth.Runtime.Options;
using Berth.Runtime.Tests.Spec;

namespace Berth.Runtime.Tests.Options;

public sealed class PolicyAndSignalTests
{
    [Theory]
    [InlineData("no", "no", 0)]
    [InlineData("", "no", 0)]
    [InlineData("always", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("on-failure:3", "on-failure", 3)]
    public void RestartPolicy_parses_dockers_policies(string text, string name, int retries) =>
        Assert.Equal(new RestartPolicy(name, retries), RestartPolicy.Parse(text));

    [Theory]
    [InlineData(":3", "invalid restart policy format: no policy provided before colon")]
    [InlineData("on-failure:x", "invalid restart policy format: maximum retry count must be an integer")]
    [InlineData("always:2", "invalid restart policy: maximum retry count can only be used with 'on-failure'")]
    [InlineData("no:-1", "invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative")]
    [InlineData("on-failure:-1", "invalid restart policy: maximum retry count cannot be negative")]
    [InlineData("sometimes", "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'")]
    public void RestartPolicy_refuses_bad_policies_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => RestartPolicy.Parse(text));

    [Fact]
    public void RestartPolicy_prints_back_as_typed() => Assert.Equal("on-failure:3", RestartPolicy.Parse("on-failure:3").ToString());

    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("TERM", 15)]
    [InlineData("kill", 9)]
    [InlineData("sigusr1", 10)]
    [InlineData("15", 15)]
    [InlineData("SIGRTMIN+3", 37)]
    [InlineData("RTMAX-1", 63)]
    [InlineData("SIGCHLD", 17)]
    public void SignalNames_parses_names_and_numbers(string text, int number) => Assert.Equal(number, SignalNames.Parse(text));

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-9")]
    [InlineData("SIGFOO")]
    [InlineData("")]
    public void SignalNames_refuses_invalid_signals(string text) => Invalid.Throws($"invalid signal: {text}", () => SignalNames.Parse(text));

    [Theory]
    [InlineData(15, "SIGTERM")]
    [InlineData(9, "SIGKILL")]
    [InlineData(34, "SIGRTMIN")]
    [InlineData(40, "SIGRTMIN+6")]
    [InlineData(60, "SIGRTMAX-4")]
    [InlineData(64, "SIGRTMAX")]
    public void SignalNames_names_numbers(int number, string name)
    {
        Assert.Equal(name, SignalNames.Name(number));
        Assert.Equal(number, SignalNames.Parse(name));
    }

    [Fact]
    public void SignalNames_has_no_name_for_unused_numbers()
    {
        Assert.Null(SignalNames.Name(32));
        Assert.Null(SignalNames.Name(0));
    }
}
