using Berth.Templates.Parsing;

namespace Berth.Templates.Execution;

internal sealed partial class Executor
{
    private object? EvalFunction(object? dot, IdentifierNode id, Node cmd, List<Node> args, Final final)
    {
        _at = id;
        var function = _functions.Find(id.Name) ?? throw Error($"{GoQuote.Quote(id.Name)} is not a defined function");
        var argNodes = args.Skip(1).ToList();
        int numIn = argNodes.Count + (final.Present ? 1 : 0);
        if (function.Variadic)
        {
            int numFixed = function.Parameters.Length - 1;
            if (numIn < numFixed)
            {
                throw Error($"wrong number of args for {id.Name}: want at least {numFixed} got {argNodes.Count}");
            }
        }
        else if (numIn != function.Parameters.Length)
        {
            throw Error($"wrong number of args for {id.Name}: want {function.Parameters.Length} got {numIn}");
        }
        if (function.ShortCircuits)
        {
            return ShortCircuit(dot, id.Name == "or", argNodes, final);
        }
        var argv = new object?[numIn];
        for (int i = 0; i < argNodes.Count; i++)
        {
            argv[i] = EvalArg(dot, function.KindAt(i), argNodes[i]);
        }
        if (final.Present)
        {
            argv[^1] = Validate(final.Value, function.KindAt(numIn - 1));
        }
        try
        {
            return function.Invoke(argv);
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (Exception ex)
        {
            _at = cmd;
            throw Error($"error calling {id.Name}: {ex.Message}");
        }
    }

    private object? ShortCircuit(object? dot, bool isOr, List<Node> argNodes, Final final)
    {
        object? v = null;
        foreach (var arg in argNodes)
        {
            v = EvalArg(dot, ParamKind.Any, arg);
            if (GoValues.IsTrue(v) == isOr)
            {
                return v;
            }
        }
        return final.Present ? Validate(final.Value, ParamKind.Any) : v;
    }

    /// <summary>Go's evalArg: computed values are type-checked, literals must suit the parameter type.</summary>
    private object? EvalArg(object? dot, ParamKind kind, Node node)
    {
        _at = node;
        switch (node)
        {
            case DotNode:
                return Validate(dot, kind);
            case NilNode:
                return kind == ParamKind.Any ? null : throw Error("cannot assign nil to " + GoTypeName(kind));
            case FieldNode field:
                return Validate(EvalFieldChain(dot, dot, field, field.Idents, [node], Final.None), kind);
            case VariableNode variable:
                return Validate(EvalVariable(dot, variable, null, Final.None), kind);
            case PipeNode pipe:
                return Validate(EvalPipeline(dot, pipe), kind);
            case IdentifierNode id:
                return Validate(EvalFunction(dot, id, id, [id], Final.None), kind);
            case ChainNode chain:
                return Validate(EvalChain(dot, chain, null, Final.None), kind);
        }
        var literal = (LiteralNode)node;
        return kind switch
        {
            ParamKind.Any => literal.Value,
            ParamKind.Text => literal.Value is string s ? s : throw Error("expected string; found " + literal),
            ParamKind.Integer => literal.IsInt ? literal.IntValue : throw Error("expected integer; found " + literal),
            _ => throw Error($"can't handle {literal} for arg of type {GoTypeName(kind)}"),
        };
    }

    /// <summary>Go's validateType for the parameter kinds our functions declare.</summary>
    private object? Validate(object? value, ParamKind kind)
    {
        if (kind == ParamKind.Any)
        {
            return value is Missing ? null : value;
        }
        if (value is Missing)
        {
            throw Error("invalid value; expected " + GoTypeName(kind));
        }
        switch (kind)
        {
            case ParamKind.Text when value is string:
                return value;
            case ParamKind.Integer when GoValues.TryGetInt(value, out long l):
                return l;
            case ParamKind.TextList when GoValues.IsList(value) && GoValues.AsList(value) is var list && list.All(e => e is string):
                return list.ToArray();
        }
        throw Error($"wrong type for value; expected {GoTypeName(kind)}; got {GoValues.TypeName(value)}");
    }

    private static string GoTypeName(ParamKind kind) => kind switch
    {
        ParamKind.Text => "string",
        ParamKind.Integer => "int",
        ParamKind.TextList => "[]string",
        _ => "interface {}",
    };
}
