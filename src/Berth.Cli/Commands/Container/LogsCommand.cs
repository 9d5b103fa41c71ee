using Berth.CommandLine;
using Berth.Engine.Filters;
using Berth.Oci;
using Berth.Runtime.Logs;

namespace Berth.Cli.Commands.Container;

/// <summary><c>berth logs</c>: the container's output from its json-file log, live with <c>-f</c>.</summary>
internal static class LogsCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("logs", "Fetch the logs of a container") { Usage = "[OPTIONS] CONTAINER", Args = ArgRule.Exactly(1) };
        command.Options.AddBool("details", null, "Show extra details provided to logs");
        var follow = command.Options.AddBool("follow", 'f', "Follow log output");
        var since = command.Options.AddString("since", null, "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)", valueName: "string");
        var tail = command.Options.AddString("tail", 'n', "Number of lines to show from the end of the logs", defaultValue: "all", valueName: "string");
        var timestamps = command.Options.AddBool("timestamps", 't', "Show timestamps");
        var until = command.Options.AddString("until", null, "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var options = new LogReadOptions
            {
                Follow = context.Get(follow),
                Tail = ParseTail(context.Get(tail)),
                Since = Time(context.Get(since), now),
                Until = Time(context.Get(until), now),
            };
            using var engine = globals.OpenEngine(context);
            var formatter = new LogLineFormatter(context.Get(timestamps));
            context.Out.Flush();
            await using var stdout = Console.OpenStandardOutput();
            await using var stderr = Console.OpenStandardError();
            await foreach (var entry in engine.Containers.LogsAsync(context.Arguments[0], options, ct))
            {
                await formatter.WriteAsync(entry, stdout, stderr, ct);
                if (options.Follow)
                {
                    await stdout.FlushAsync(ct);
                    await stderr.FlushAsync(ct);
                }
            }
            await stdout.FlushAsync(ct);
            return 0;
        });
        return command;
    }

    // docker treats "all" and any negative number as everything.
    private static int? ParseTail(string value) =>
        value == "all" ? null :
        int.TryParse(value, out var n) ? (n < 0 ? null : n) :
        throw BerthException.Invalid($"invalid value for \"tail\": \"{value}\"");

    private static DateTimeOffset? Time(string value, DateTimeOffset now) =>
        value.Length == 0 ? null :
        UntilFilter.TryParse(value, now, out var time) ? time :
        throw BerthException.Invalid($"invalid value for \"since\": failed to parse value as time or duration: \"{value}\"");
}
