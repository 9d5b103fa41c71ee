using Berth.Oci;

namespace Berth.Cli.Rendering;

/// <summary>Docker's <c>--filter key=value</c> flags, split once; a flag without <c>=</c> is rejected as docker does.</summary>
internal static class FilterArguments
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IReadOnlyList<string> filters) =>
        filters.Select(f =>
        {
            var eq = f.IndexOf('=');
            return eq <= 0
                ? throw BerthException.Invalid($"bad format of filter (expected name=value)")
                : new KeyValuePair<string, string>(f[..eq].Trim().ToLowerInvariant(), f[(eq + 1)..]);
        }).ToList();
}
