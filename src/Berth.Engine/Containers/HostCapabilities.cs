using System.Globalization;
using Berth.Runtime.Spec;

namespace Berth.Engine.Containers;

/// <summary>
/// The capabilities this host lets a process hold (the bounding set in /proc/self/status). "All capabilities"
/// (--privileged, --cap-add ALL) means all of these: a VM or an outer container may withhold some, and asking
/// the kernel for one outside the bounding set makes the runtime fail.
/// </summary>
internal static class HostCapabilities
{
    public static IReadOnlyList<string>? Read()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
            if (line is null) return null;
            var mask = ulong.Parse(line["CapBnd:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return CapabilityNames.All.Where(name => CapabilityNames.Bit(name) < 64 && (mask >> CapabilityNames.Bit(name) & 1) == 1).ToList();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
