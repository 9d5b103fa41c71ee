using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Tests.Dockerfile;

/// <summary>Shorthands for parsing small Dockerfiles in tests.</summary>
internal static class Parse
{
    /// <summary>Parses <c>FROM scratch</c> followed by <paramref name="lines"/> and returns the only instruction.</summary>
    public static T One<T>(string lines) where T : Instruction
    {
        var doc = DockerfileParser.Parse("FROM scratch\n" + lines);
        return Assert.IsType<T>(Assert.Single(Assert.Single(doc.Stages).Instructions));
    }

    /// <summary>The message of the error parsing <paramref name="dockerfile"/> raises.</summary>
    public static string Error(string dockerfile)
    {
        var e = Assert.Throws<BerthException>(() => DockerfileParser.Parse(dockerfile));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        return e.Message;
    }

    /// <summary>The error for <c>FROM scratch</c> followed by <paramref name="lines"/>.</summary>
    public static string ErrorAfterFrom(string lines) => Error("FROM scratch\n" + lines);
}
