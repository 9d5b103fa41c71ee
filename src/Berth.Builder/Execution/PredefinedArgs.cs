namespace Berth.Builder.Execution;

/// <summary>
/// Docker's predefined build args: the proxy variables, usable in RUN without an ARG line and left out of the
/// image's history, and never reported as unused.
/// </summary>
internal static class PredefinedArgs
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    };

    public static bool IsPredefined(string name) => Names.Contains(name);

    public static IEnumerable<string> All => Names;
}
