using Berth.Oci;

namespace Berth.Builder.Dockerfile;

internal sealed partial class ShellWordProcessor
{
    private string ProcessDollar()
    {
        Next();
        if (Peek() != '{')
        {
            var plain = ProcessName();
            if (plain.Length == 0) return "$";
            var (plainValue, plainSet) = GetEnv(plain);
            return !plainSet && _lexer.SkipUnsetEnv ? "$" + plain : plainValue;
        }

        Next();
        switch (Peek())
        {
            case Eof:
                throw BerthException.Invalid("syntax error: missing '}'");
            case '{' or '}' or ':':
                throw BerthException.Invalid("syntax error: bad substitution");
        }
        var name = ProcessName();
        var ch = Next();
        // Go renders the end of input as U+FFFD when it names the modifier, as BuildKit's message shows.
        var modifier = ModifierText(ch);
        var nullIsUnset = false;
        switch (ch)
        {
            case '}':
            {
                var (value, set) = GetEnv(name);
                return !set && _lexer.SkipUnsetEnv ? "${" + name + "}" : value;
            }
            case ':':
                nullIsUnset = true;
                ch = Next();
                modifier += ModifierText(ch);
                return ProcessModifier(name, ch, modifier, nullIsUnset);
            case '+' or '-' or '?' or '#' or '%':
                return ProcessModifier(name, ch, modifier, nullIsUnset);
            case '/':
                return ProcessReplace(name);
            default:
                throw BerthException.Invalid($"unsupported modifier ({modifier}) in substitution");
        }
    }

    private static string ModifierText(int ch) => ch == Eof ? "\uFFFD" : ((char)ch).ToString();

    private string ProcessModifier(string name, int ch, string modifier, bool nullIsUnset)
    {
        // Patterns keep their escapes so that \* and \? stay literal in the match.
        var rawEscapes = ch is '#' or '%';
        if (nullIsUnset && rawEscapes) throw BerthException.Invalid($"unsupported modifier ({modifier}) in substitution");
        var word = ReadUntil('}', rawEscapes, "syntax error: missing '}'");

        var (value, set) = GetEnv(name);
        if (_lexer.SkipUnsetEnv && !set) return "${" + name + modifier + word + "}";

        switch (ch)
        {
            case '-':
                return !set || (nullIsUnset && value.Length == 0) ? word : value;
            case '+':
                return !set || (nullIsUnset && value.Length == 0) ? "" : word;
            case '?':
                if (!set) throw BerthException.Invalid($"{name}: {(word.Length > 0 ? word : "is not allowed to be unset")}");
                if (nullIsUnset && value.Length == 0)
                    throw BerthException.Invalid($"{name}: {(word.Length > 0 ? word : "is not allowed to be empty")}");
                return value;
            case '%' or '#':
                var greedy = word.Length > 0 && word[0] == ch;
                if (greedy) word = word[1..];
                return ch == '%' ? ShellPattern.TrimSuffix(word, value, greedy) : ShellPattern.TrimPrefix(word, value, greedy);
            default:
                throw BerthException.Invalid($"unsupported modifier ({modifier}) in substitution");
        }
    }

    private string ProcessReplace(string name)
    {
        var replaceAll = Peek() == '/';
        if (replaceAll) Next();
        var pattern = ReadUntil('/', true, "syntax error: missing '/' in ${}");
        var replacement = ReadUntil('}', true, "syntax error: missing '}'");

        var (value, set) = GetEnv(name);
        if (_lexer.SkipUnsetEnv && !set) return "${" + name + "/" + pattern + "/" + replacement + "}";
        return ShellPattern.Replace(pattern, value, replacement, replaceAll);
    }

    // A nested word that runs off the end reports the missing terminator rather than the inner error.
    private string ReadUntil(int stopChar, bool rawEscapes, string missingMessage)
    {
        try
        {
            return ProcessStopOn(stopChar, rawEscapes).Result;
        }
        catch (BerthException) when (Peek() == Eof)
        {
            throw BerthException.Invalid(missingMessage);
        }
    }
}
