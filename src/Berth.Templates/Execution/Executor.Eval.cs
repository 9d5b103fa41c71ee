using System.Text.Json.Nodes;
using Berth.Templates.Parsing;

namespace Berth.Templates.Execution;

internal sealed partial class Executor
{
    /// <summary>A pipeline stage's extra argument: the previous stage's value, if there was one.</summary>
    private readonly record struct Final(bool Present, object? Value)
    {
        public static readonly Final None = new(false, null);
    }

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        _at = pipe;
        var final = Final.None;
        foreach (var cmd in pipe.Cmds)
        {
            final = new Final(true, EvalCommand(dot, cmd, final));
        }
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Name, final.Value, assign: true, top: 0);
            }
            else
            {
                _vars.Add((variable.Name, final.Value));
            }
        }
        return final.Value;
    }

    private object? EvalCommand(object? dot, CommandNode cmd, Final final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, dot, field, field.Idents, cmd.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, cmd.Args, final);
        }
        _at = first;
        NotAFunction(cmd.Args, final);
        return first switch
        {
            LiteralNode literal => literal.Value,
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            _ => throw Error("can't evaluate command " + GoQuote.Quote(first.ToString())),
        };
    }

    private void NotAFunction(List<Node> args, Final final)
    {
        if (args.Count > 1 || final.Present)
        {
            throw Error("can't give argument to non-function " + args[0]);
        }
    }

    private object? EvalVariable(object? dot, VariableNode variable, List<Node>? args, Final final)
    {
        _at = variable;
        var value = VarValue(variable.Name);
        if (variable.Idents.Length == 1)
        {
            if (args is not null)
            {
                NotAFunction(args, final);
            }
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Idents[1..], args, final);
    }

    private object? EvalChain(object? dot, ChainNode chain, List<Node>? args, Final final)
    {
        _at = chain;
        if (chain.Target is NilNode)
        {
            throw Error("indirection through explicit nil in " + chain);
        }
        var receiver = EvalArg(dot, ParamKind.Any, chain.Target);
        return EvalFieldChain(dot, receiver, chain, chain.Fields, args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node node, string[] idents, List<Node>? args, Final final)
    {
        _at = node;
        for (int i = 0; i < idents.Length - 1; i++)
        {
            receiver = EvalField(idents[i], receiver, hasArgs: false);
        }
        bool hasArgs = (args is not null && args.Count > 1) || final.Present;
        return EvalField(idents[^1], receiver, hasArgs);
    }

    private object? EvalField(string name, object? receiver, bool hasArgs)
    {
        switch (receiver)
        {
            case Missing:
                return _options.MissingKeyError
                    ? throw Error($"nil data; no entry for key {GoQuote.Quote(name)}")
                    : Missing.Value;
            case null:
                throw Error($"nil pointer evaluating interface {{}}.{name}");
            case JsonObject o:
                if (hasArgs)
                {
                    throw Error($"{name} is not a method but has arguments");
                }
                if (o.TryGetPropertyValue(name, out var node))
                {
                    return GoValues.FromNode(node);
                }
                return _options.MissingKeyError
                    ? throw Error($"map has no entry for key {GoQuote.Quote(name)}")
                    : Missing.Value;
            default:
                throw Error($"can't evaluate field {name} in type {GoValues.TypeName(receiver)}");
        }
    }
}
