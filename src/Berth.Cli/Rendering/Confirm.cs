using Berth.CommandLine;

namespace Berth.Cli.Rendering;

/// <summary>Docker's confirmation prompt: anything but y/Y (or no input at all) means no.</summary>
internal static class Confirm
{
    public static bool Ask(CliContext context, string warning)
    {
        context.Out.Write($"{warning}\nAre you sure you want to continue? [y/N] ");
        context.Out.Flush();
        var answer = Console.In.ReadLine()?.Trim();
        return answer is "y" or "Y";
    }
}
