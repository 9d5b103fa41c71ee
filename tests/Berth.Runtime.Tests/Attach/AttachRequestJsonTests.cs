using System.Text;
using System.Text.Json;
using Berth.Runtime.Attach;

namespace Berth.Runtime.Tests.Attach;

public sealed class AttachRequestJsonTests
{
    private static AttachRequest Read(string json) => AttachRequestJson.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Write_NamesEveryMemberInCamelCase()
    {
        var json = AttachRequestJson.Write(new AttachRequest { Stdin = true, Stderr = false, Tty = true });

        Assert.Equal("""{"stdin":true,"stdout":true,"stderr":false,"logs":false,"tty":true}""", Encoding.UTF8.GetString(json));
    }

    [Theory]
    [InlineData(false, false, false, false, false)]
    [InlineData(true, true, true, true, true)]
    [InlineData(true, false, true, false, true)]
    [InlineData(false, true, false, true, false)]
    public void WhatIsWritten_ReadsBackEqual(bool stdin, bool stdout, bool stderr, bool logs, bool tty)
    {
        var request = new AttachRequest { Stdin = stdin, Stdout = stdout, Stderr = stderr, Logs = logs, Tty = tty };

        Assert.Equal(request, AttachRequestJson.Read(AttachRequestJson.Write(request)));
    }

    [Fact]
    public void MissingMembers_KeepTheirDefaults_AndUnknownOnesAreSkipped()
    {
        var request = Read("""{"tty":true,"detachKeys":"ctrl-a","env":{"A":["b"]},"stdout":false}""");

        Assert.Equal(new AttachRequest { Tty = true, Stdout = false }, request);
        Assert.True(request.Stderr);
        Assert.False(request.Stdin);
    }

    [Fact]
    public void MemberNames_AreCaseSensitive()
    {
        Assert.Equal(new AttachRequest(), Read("""{"Stdin":true,"TTY":true}"""));
    }

    [Theory]
    [InlineData("{nope")]
    [InlineData("""{"stdin":true""")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("""{"stdin":"yes"}""")]
    [InlineData("""{"tty":1}""")]
    [InlineData("""{"stdout":null}""")]
    public void MalformedRequests_AreRefused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }
}
