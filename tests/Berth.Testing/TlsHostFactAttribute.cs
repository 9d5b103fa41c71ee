using System.Net;

namespace Berth.Testing;

/// <summary>
/// A fact that runs a TLS registry. Loopback names and addresses speak plain HTTP, so such a registry needs
/// the machine's host name, resolving to loopback; where it does not, the test is skipped with that reason.
/// </summary>
public sealed class TlsHostFactAttribute : FactAttribute
{
    public TlsHostFactAttribute()
    {
        if (Name is null)
            Skip = $"SKIPPED LOUDLY: host name {Dns.GetHostName()} does not resolve to a loopback address, which a local TLS registry needs";
    }

    /// <summary>The host name to serve TLS on, or null when it does not resolve to loopback.</summary>
    public static string? Name { get; } = Resolve();

    private static string? Resolve()
    {
        var name = Dns.GetHostName();
        try
        {
            return Dns.GetHostAddresses(name).Any(IPAddress.IsLoopback) ? name : null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
