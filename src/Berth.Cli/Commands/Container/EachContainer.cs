using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// Runs one operation on each container named on the command line, as docker's stop/kill/rm/pause do: each
/// success prints the name as given, each failure prints "Error response ..."-style on stderr, and the exit
/// code is 1 when any failed.
/// </summary>
internal static class EachContainer
{
    public static async Task<int> RunAsync(CliContext context, Func<string, Task> operation, bool echo = true)
    {
        var exit = 0;
        foreach (var name in context.Arguments)
        {
            try
            {
                await operation(name);
                if (echo) context.Out.WriteLine(name);
            }
            catch (BerthException e)
            {
                context.Err.WriteLine("Error: " + e.Message);
                exit = ErrorMapping.Failure;
            }
        }
        return exit;
    }
}
