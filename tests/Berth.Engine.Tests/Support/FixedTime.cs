namespace Berth.Engine.Tests.Support;

/// <summary>A clock that always says the same time, for reproducible image IDs.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
