using Berth.Runtime.Options;
using Berth.Runtime.Tests.Spec;

namespace Berth.Runtime.Tests.Options;

public sealed class EnvAndSecurityTests
{
    private static string? Lookup(string name) => name == "FROM_HOST" ? "host value" : null;

    [Fact]
    public void EnvFile_keeps_values_verbatim_and_skips_comments_and_blanks()
    {
        const string text = "\uFEFF# comment\n\n  A=1\nB= spaced value \r\nC=\"quoted\"\nD=x=y\n   # indented comment\nE=\n";
        Assert.Equal(["A=1", "B= spaced value ", "C=\"quoted\"", "D=x=y", "E="], EnvFile.Parse(text, Lookup));
    }

    [Fact]
    public void EnvFile_takes_bare_names_from_the_environment_and_drops_unset_ones() =>
        Assert.Equal(["FROM_HOST=host value"], EnvFile.Parse("FROM_HOST\nNOT_SET\n", Lookup));

    [Theory]
    [InlineData("MY VAR=1", "poorly formatted environment: variable 'MY VAR' contains whitespaces")]
    [InlineData("=value", "poorly formatted environment: no variable name on line '=value'")]
    [InlineData("A\tB", "poorly formatted environment: variable 'A\tB' contains whitespaces")]
    public void EnvFile_refuses_bad_names_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => EnvFile.Parse(text, Lookup));

    [Fact]
    public void SecurityOpt_reads_no_new_privileges_and_seccomp_and_ignores_label_and_apparmor()
    {
        var options = SecurityOpt.Parse(["no-new-privileges", "seccomp=/etc/profile.json", "label=disable", "apparmor=unconfined", "label:type:x"]);
        Assert.Equal((true, "/etc/profile.json"), (options.NoNewPrivileges, options.SeccompProfile));
        Assert.Equal(false, SecurityOpt.Parse(["no-new-privileges", "no-new-privileges=false"]).NoNewPrivileges);
        Assert.Equal(true, SecurityOpt.Parse(["no-new-privileges:true"]).NoNewPrivileges);
        Assert.Equal("unconfined", SecurityOpt.Parse(["seccomp=unconfined"]).SeccompProfile);
        Assert.Equal(new SecurityOptions(), SecurityOpt.Parse([]));
        Assert.True(SecurityOpt.Parse(["systempaths=unconfined"]).UnconfinedSystemPaths);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("seccomp=")]
    [InlineData("selinux=on")]
    [InlineData("no-new-privileges=maybe")]
    [InlineData("systempaths=confined")]
    public void SecurityOpt_refuses_unknown_options_with_dockers_message(string opt) =>
        Invalid.Throws($"Invalid --security-opt: \"{opt}\"", () => SecurityOpt.Parse([opt]));
}
