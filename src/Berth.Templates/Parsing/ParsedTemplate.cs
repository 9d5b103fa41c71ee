namespace Berth.Templates.Parsing;

/// <summary>The result of parsing: the main tree and the templates named by {{define}} and {{block}}.</summary>
internal sealed class ParsedTemplate(string name, string text, ListNode root, Dictionary<string, ListNode> definitions)
{
    public string Name { get; } = name;

    public string Text { get; } = text;

    public ListNode Root { get; } = root;

    public Dictionary<string, ListNode> Definitions { get; } = definitions;
}
