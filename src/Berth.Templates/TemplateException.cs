namespace Berth.Templates;

/// <summary>
/// A template failed to parse or execute. The message follows Go's text/template wording, for example
/// <c>template: :1: unexpected "}" in operand</c> or
/// <c>template: :1:4: executing "" at &lt;.X.Y&gt;: can't evaluate field Y in type string</c>.
/// </summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
