namespace Berth.Templates.Execution;

/// <summary>The Go parameter types the built-in and docker functions declare, checked before a call.</summary>
internal enum ParamKind
{
    /// <summary>interface{} (or reflect.Value): anything, a missing value arrives as nil.</summary>
    Any,

    /// <summary>string.</summary>
    Text,

    /// <summary>int.</summary>
    Integer,

    /// <summary>[]string.</summary>
    TextList,
}
