using static Berth.Templates.Execution.ParamKind;

namespace Berth.Templates.Execution;

/// <summary>Go text/template's predefined functions ("and" and "or" short-circuit in the executor).</summary>
internal static class Builtins
{
    public static IEnumerable<FunctionDef> All() =>
    [
        new FunctionDef("and", [Any, Any], variadic: true, a => a[^1]) { ShortCircuits = true },
        new FunctionDef("or", [Any, Any], variadic: true, a => a[^1]) { ShortCircuits = true },
        FunctionDef.Fixed("not", a => !GoValues.IsTrue(a[0]), Any),
        FunctionDef.Fixed("len", a => Collections.Length(a[0]), Any),
        FunctionDef.Varargs("index", a => Collections.Index(a[0], a[1..]), Any, Any),
        FunctionDef.Varargs("slice", a => Collections.Slice(a[0], a[1..]), Any, Any),
        FunctionDef.Varargs("print", a => GoFmt.Sprint(a), Any),
        FunctionDef.Varargs("printf", a => GoPrintf.Sprintf((string)a[0]!, a[1..]), Text, Any),
        FunctionDef.Varargs("println", a => GoFmt.Sprintln(a), Any),
        FunctionDef.Varargs("eq", a => Comparisons.Eq(a[0], a[1..]), Any, Any),
        FunctionDef.Fixed("ne", a => !Comparisons.Eq(a[0], [a[1]]), Any, Any),
        FunctionDef.Fixed("lt", a => Comparisons.Lt(a[0], a[1]), Any, Any),
        FunctionDef.Fixed("le", a => Comparisons.Lt(a[0], a[1]) || Comparisons.Eq(a[0], [a[1]]), Any, Any),
        FunctionDef.Fixed("gt", a => !(Comparisons.Lt(a[0], a[1]) || Comparisons.Eq(a[0], [a[1]])), Any, Any),
        FunctionDef.Fixed("ge", a => !Comparisons.Lt(a[0], a[1]), Any, Any),
        FunctionDef.Varargs("html", a => Escapers.Html(Escapers.EvalArgs(a)), Any),
        FunctionDef.Varargs("js", a => Escapers.Js(Escapers.EvalArgs(a)), Any),
        FunctionDef.Varargs("urlquery", a => Escapers.UrlQuery(Escapers.EvalArgs(a)), Any),
    ];
}
