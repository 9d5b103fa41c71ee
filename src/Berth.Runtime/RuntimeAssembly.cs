namespace Berth.Runtime;

/// <summary>Names this assembly for tests and diagnostics.</summary>
public static class RuntimeAssembly
{
    public const string Name = "Berth.Runtime";
}
