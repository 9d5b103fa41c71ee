using Berth.Oci;

namespace Berth.Runtime.Tests.Spec;

/// <summary>Asserts an invalid-argument failure with an exact message.</summary>
internal static class Invalid
{
    public static void Throws(string expected, Action action)
    {
        var error = Assert.Throws<BerthException>(action);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(expected, error.Message);
    }

    public static void Throws(string expected, Func<object?> action) => Throws(expected, () => { action(); });
}
