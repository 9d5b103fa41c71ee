namespace Berth.Templates.Execution;

/// <summary>
/// The functions a template can call: Go's builtins, docker's additions, then the caller's own. Immutable;
/// <see cref="With"/> returns a copy with some functions replaced (docker's header functions).
/// </summary>
internal sealed class FunctionTable
{
    private readonly Dictionary<string, FunctionDef> _functions;

    private FunctionTable(Dictionary<string, FunctionDef> functions) => _functions = functions;

    public static FunctionTable Create(TemplateOptions options)
    {
        var functions = new Dictionary<string, FunctionDef>(StringComparer.Ordinal);
        foreach (var f in Builtins.All().Concat(DockerFunctions.All()))
        {
            functions[f.Name] = f;
        }
        foreach (var (name, body) in options.Functions)
        {
            functions[name] = FunctionDef.Varargs(name, body, ParamKind.Any);
        }
        return new FunctionTable(functions);
    }

    public bool Contains(string name) => _functions.ContainsKey(name);

    public FunctionDef? Find(string name) => _functions.GetValueOrDefault(name);

    public FunctionTable With(IEnumerable<FunctionDef> replacements)
    {
        var copy = new Dictionary<string, FunctionDef>(_functions, StringComparer.Ordinal);
        foreach (var f in replacements)
        {
            copy[f.Name] = f;
        }
        return new FunctionTable(copy);
    }
}
