namespace Berth.Engine.Containers;

/// <summary>
/// Docker-style random container names: an adjective and the surname of a notable scientist or engineer,
/// joined by an underscore ("focused_hopper"). Collisions are retried by the caller.
/// </summary>
internal static class NameGenerator
{
    private static readonly string[] Adjectives =
    [
        "admiring", "affectionate", "amazing", "awesome", "blissful", "bold", "brave", "busy", "charming", "clever",
        "compassionate", "competent", "confident", "cool", "dazzling", "determined", "eager", "ecstatic", "elastic",
        "elegant", "eloquent", "epic", "exciting", "fervent", "festive", "focused", "friendly", "gallant", "gifted",
        "goofy", "gracious", "happy", "hopeful", "hungry", "inspiring", "intelligent", "jolly", "keen", "kind",
        "laughing", "loving", "lucid", "magical", "modest", "nice", "nifty", "nostalgic", "objective", "optimistic",
        "peaceful", "pensive", "practical", "priceless", "quirky", "quizzical", "relaxed", "serene", "sharp",
        "silly", "sleepy", "stoic", "strange", "sweet", "tender", "trusting", "upbeat", "vibrant", "vigilant",
        "wizardly", "wonderful", "youthful", "zealous", "zen",
    ];

    private static readonly string[] Surnames =
    [
        "agnesi", "albattani", "allen", "archimedes", "babbage", "banach", "bardeen", "bartik", "bell", "bhabha",
        "blackwell", "bohr", "booth", "borg", "bose", "brahmagupta", "brattain", "carson", "cerf", "chandrasekhar",
        "curie", "darwin", "dijkstra", "easley", "einstein", "elion", "engelbart", "euclid", "euler", "faraday",
        "fermat", "fermi", "feynman", "franklin", "galileo", "gauss", "goldberg", "goodall", "hamilton", "hawking",
        "heisenberg", "hodgkin", "hopper", "hypatia", "jackson", "johnson", "kalam", "kepler", "knuth", "lamarr",
        "lamport", "leakey", "lovelace", "margulis", "maxwell", "mcclintock", "meitner", "mirzakhani", "morse",
        "newton", "noether", "pascal", "pasteur", "perlman", "poincare", "raman", "ritchie", "rubin", "sammet",
        "shannon", "shockley", "sinoussi", "swanson", "tesla", "thompson", "torvalds", "turing", "wilson", "wozniak",
        "wright", "yalow", "yonath",
    ];

    public static string Next()
    {
        // Names need no secrecy (Docker draws them from math/rand); RandomNumberGenerator would load OpenSSL, which
        // costs a run several milliseconds.
        var name = $"{Adjectives[Random.Shared.Next(Adjectives.Length)]}_{Surnames[Random.Shared.Next(Surnames.Length)]}";
        // Steve Wozniak is not boring (Docker's one exception, kept for familiarity).
        return name == "boring_wozniak" ? Next() : name;
    }
}
