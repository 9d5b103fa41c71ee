using System.Globalization;
using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// Linux signal names and numbers as docker reads them (moby pkg/signal ParseSignal): a number, or a name with
/// or without SIG in any case, including RTMIN+n and RTMAX-n.
/// </summary>
public static class SignalNames
{
    private const int RtMin = 34;
    private const int RtMax = 64;

    private static readonly Dictionary<string, int> ByName = Build();

    private static Dictionary<string, int> Build()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6, ["BUS"] = 7,
            ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14,
            ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20,
            ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27,
            ["WINCH"] = 28, ["IO"] = 29, ["POLL"] = 29, ["PWR"] = 30, ["SYS"] = 31, ["UNUSED"] = 31,
            ["RTMIN"] = RtMin, ["RTMAX"] = RtMax,
        };
        for (var i = 1; i <= 15; i++) map[$"RTMIN+{i}"] = RtMin + i;
        for (var i = 1; i <= 14; i++) map[$"RTMAX-{i}"] = RtMax - i;
        return map;
    }

    /// <summary>The signal number; "invalid signal: X" for 0, out-of-range numbers and unknown names.</summary>
    public static int Parse(string signal)
    {
        if (int.TryParse(signal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number is > 0 and <= RtMax ? number : throw Invalid(signal);
        var upper = signal.ToUpperInvariant();
        if (upper.StartsWith("SIG", StringComparison.Ordinal)) upper = upper[3..];
        return ByName.TryGetValue(upper, out var value) ? value : throw Invalid(signal);
    }

    /// <summary>The canonical name of a signal number ("SIGTERM", "SIGRTMIN+3"), or null when none.</summary>
    public static string? Name(int number)
    {
        if (number is < 1 or > RtMax) return null;
        string[] canonical =
        [
            "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
            "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
            "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
        ];
        if (number < canonical.Length) return "SIG" + canonical[number];
        if (number < RtMin) return null;
        if (number == RtMin) return "SIGRTMIN";
        if (number == RtMax) return "SIGRTMAX";
        return number <= RtMin + 15 ? $"SIGRTMIN+{number - RtMin}" : $"SIGRTMAX-{RtMax - number}";
    }

    private static BerthException Invalid(string signal) => BerthException.Invalid($"invalid signal: {signal}");
}
