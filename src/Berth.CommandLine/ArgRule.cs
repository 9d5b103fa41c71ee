namespace Berth.CommandLine;

/// <summary>
/// How many positional arguments a command accepts, with docker/cli's messages (cli/required.go, docker 28+):
/// <c>berth: 'berth tag' requires 2 arguments</c>, followed by the usage line and a pointer to <c>--help</c>.
/// </summary>
public sealed class ArgRule
{
    private enum Kind
    {
        Any,
        None,
        Exactly,
        AtLeast,
        AtMost,
        Between,
    }

    private readonly Kind _kind;

    private ArgRule(Kind kind, int min, int max)
    {
        if (min < 0 || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"invalid argument range {min}..{max}");
        }

        _kind = kind;
        Min = min;
        Max = max;
    }

    /// <summary>Any number of arguments (cobra's default for a leaf command).</summary>
    public static ArgRule Any { get; } = new(Kind.Any, 0, int.MaxValue);

    /// <summary>No arguments (docker's <c>cli.NoArgs</c>).</summary>
    public static ArgRule None { get; } = new(Kind.None, 0, 0);

    /// <summary>The fewest arguments accepted.</summary>
    public int Min { get; }

    /// <summary>The most arguments accepted (<see cref="int.MaxValue"/> when unbounded).</summary>
    public int Max { get; }

    /// <summary>Exactly <paramref name="count"/> arguments (<c>cli.ExactArgs</c>).</summary>
    public static ArgRule Exactly(int count) => new(Kind.Exactly, count, count);

    /// <summary>At least <paramref name="min"/> arguments (<c>cli.RequiresMinArgs</c>).</summary>
    public static ArgRule AtLeast(int min) => new(Kind.AtLeast, min, int.MaxValue);

    /// <summary>At most <paramref name="max"/> arguments (<c>cli.RequiresMaxArgs</c>).</summary>
    public static ArgRule AtMost(int max) => new(Kind.AtMost, 0, max);

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> arguments (<c>cli.RequiresRangeArgs</c>).</summary>
    public static ArgRule Between(int min, int max) => new(Kind.Between, min, max);

    /// <summary>The docker message for <paramref name="count"/> arguments, or null when the count is accepted.</summary>
    internal string? Check(int count, string binName, string commandPath, string useLine)
    {
        if (count >= Min && count <= Max)
        {
            return null;
        }

        // docker's texts differ in their last line ("See" for the minimum, "Run" elsewhere); kept as docker has them.
        string Tail(string verb) => $"\n\nUsage:  {useLine}\n\n{verb} '{commandPath} --help' for more information";
        string head = $"{binName}: '{commandPath}'";
        return _kind switch
        {
            Kind.None => $"{head} accepts no arguments{Tail("Run")}",
            Kind.Exactly => $"{head} requires {Min} {Plural(Min)}{Tail("Run")}",
            Kind.AtLeast => $"{head} requires at least {Min} {Plural(Min)}{Tail("See")}",
            Kind.AtMost => $"{head} requires at most {Max} {Plural(Max)}{Tail("Run")}",
            _ => $"{head} requires at least {Min} and at most {Max} {Plural(Max)}{Tail("Run")}",
        };
    }

    private static string Plural(int n) => n == 1 ? "argument" : "arguments";
}
