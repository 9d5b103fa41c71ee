namespace Berth.Templates.Execution;

/// <summary>
/// Go's invalid reflect.Value: the result of a missing map key. Printed at the top level of an action as
/// "&lt;no value&gt;", passed to functions as nil. Distinct from an explicit JSON null (a C# null).
/// </summary>
internal sealed class Missing
{
    public static readonly Missing Value = new();

    private Missing()
    {
    }

    public override string ToString() => "<no value>";
}
