namespace Berth.Content.Tests;

/// <summary>
/// One content store as the conformance suite sees it: its three roles, and a way to list the partial writes
/// it keeps (how a store keeps them is its own business, but the suite checks that failed writes leave none).
/// </summary>
public sealed record StoreUnderTest(
    IContentProvider Provider,
    IContentIngester Ingester,
    IContentManager Manager,
    Func<IReadOnlyList<string>> PartialWrites);
