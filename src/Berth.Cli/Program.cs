using Berth.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var root = BerthCommandTree.Build(debug: args.Contains("-D") || args.Contains("--debug"));
return await root.InvokeAsync(args, Console.Out, Console.Error, cancellation.Token);
