namespace Berth.Templates.Execution;

/// <summary>
/// A template function: its Go signature (parameter kinds, variadic when the last kind repeats) and its body.
/// A body reports failure by throwing; the executor wraps the message as "error calling NAME: ...".
/// </summary>
internal sealed class FunctionDef(string name, ParamKind[] parameters, bool variadic, Func<object?[], object?> invoke)
{
    public string Name { get; } = name;

    public ParamKind[] Parameters { get; } = parameters;

    public bool Variadic { get; } = variadic;

    public Func<object?[], object?> Invoke { get; } = invoke;

    /// <summary>Go's "and" and "or" evaluate their arguments only until the result is known.</summary>
    public bool ShortCircuits { get; init; }

    public ParamKind KindAt(int index) =>
        Variadic && index >= Parameters.Length - 1 ? Parameters[^1] : Parameters[index];

    public static FunctionDef Fixed(string name, Func<object?[], object?> invoke, params ParamKind[] parameters) =>
        new(name, parameters, variadic: false, invoke);

    public static FunctionDef Varargs(string name, Func<object?[], object?> invoke, params ParamKind[] parameters) =>
        new(name, parameters, variadic: true, invoke);
}
