using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// A <c>--chmod</c> value: octal ("755", "0644", up to 07777) sets the mode outright; a symbolic list
/// ("u+x,go-w", "a=rX") edits the source mode like chmod(1), where 'X' adds execute only for directories and
/// files already executable by someone.
/// </summary>
internal sealed class ChmodSpec
{
    private readonly int? _octal;
    private readonly (int Who, char Op, string Perms)[] _clauses = [];

    private ChmodSpec(int? octal, (int, char, string)[] clauses)
    {
        _octal = octal;
        _clauses = clauses;
    }

    public static ChmodSpec? Parse(string? value)
    {
        if (value is null) return null;
        if (value.Length > 0 && value.All(c => c is >= '0' and <= '7'))
        {
            var trimmed = value.TrimStart('0');
            if (trimmed.Length > 4) throw Bad(value);
            var mode = trimmed.Length == 0 ? 0 : Convert.ToInt32(trimmed, 8);
            if (mode > 0xFFF) throw Bad(value);
            return new ChmodSpec(mode, []);
        }
        var clauses = new List<(int, char, string)>();
        foreach (var clause in value.Split(','))
        {
            var i = 0;
            var who = 0;
            for (; i < clause.Length && "ugoa".Contains(clause[i]); i++)
                who |= clause[i] switch { 'u' => 0b100, 'g' => 0b010, 'o' => 0b001, _ => 0b111 };
            if (i >= clause.Length || !"+-=".Contains(clause[i])) throw Bad(value);
            var op = clause[i++];
            var perms = clause[i..];
            if (perms.Any(c => !"rwxXst".Contains(c)) && !(perms.Length == 1 && "ugo".Contains(perms[0]))) throw Bad(value);
            clauses.Add((who == 0 ? 0b111 : who, op, perms));
        }
        return new ChmodSpec(null, clauses.ToArray());
    }

    public UnixFileMode Apply(UnixFileMode source, bool isDirectory)
    {
        if (_octal is { } octal) return (UnixFileMode)octal;
        var mode = (int)source & 0xFFF;
        foreach (var (who, op, perms) in _clauses)
        {
            var bits = 0;
            var anyExecute = (mode & 0b001_001_001) != 0;
            if (perms.Length == 1 && "ugo".Contains(perms[0]))
            {
                var shift = perms[0] switch { 'u' => 6, 'g' => 3, _ => 0 };
                var copied = (mode >> shift) & 7;
                bits = Spread(who, copied);
            }
            else
            {
                foreach (var p in perms)
                {
                    bits |= p switch
                    {
                        'r' => Spread(who, 4),
                        'w' => Spread(who, 2),
                        'x' => Spread(who, 1),
                        'X' => isDirectory || anyExecute ? Spread(who, 1) : 0,
                        's' => ((who & 0b100) != 0 ? 0x800 : 0) | ((who & 0b010) != 0 ? 0x400 : 0),
                        _ => (who & 0b001) != 0 || who == 0b111 ? 0x200 : 0,
                    };
                }
            }
            mode = op switch
            {
                '+' => mode | bits,
                '-' => mode & ~bits,
                _ => (mode & ~(Spread(who, 7) | SpecialMask(who))) | bits,
            };
        }
        return (UnixFileMode)mode;
    }

    private static int Spread(int who, int rwx) =>
        ((who & 0b100) != 0 ? rwx << 6 : 0) | ((who & 0b010) != 0 ? rwx << 3 : 0) | ((who & 0b001) != 0 ? rwx : 0);

    private static int SpecialMask(int who) => ((who & 0b100) != 0 ? 0x800 : 0) | ((who & 0b010) != 0 ? 0x400 : 0);

    private static BerthException Bad(string value) =>
        BerthException.Invalid($"invalid chmod parameter: '{value}'. it should be octal string and between 0 and 07777");
}
