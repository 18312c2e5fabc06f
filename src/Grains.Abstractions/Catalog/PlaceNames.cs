using System.Globalization;
using System.Text;

namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// How typed place names are compared with city and stop names, in English and Bangla. The search page's
/// <c>search-model.js</c> follows the same rules, so the autocomplete and <c>GET /api/stops?q=</c> agree.
/// </summary>
public static class PlaceNames
{
    /// <summary>Best possible score: the query is a whole name.</summary>
    public const int Exact = 0;

    /// <summary>
    /// Lower case, Latin accents removed, apostrophes dropped ("Cox's" is "coxs"), other punctuation as spaces. Bangla
    /// letters are kept whole: their vowel signs are combining marks too, and must not be stripped.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (c is >= '\u0300' and <= '\u036f' || c is '\'' or '\u2019' or '`')
            {
                continue;
            }
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// A rough sound-alike key for romanised Bangla names, so the spellings people improvise still meet: spaces and the
    /// aspirating <c>h</c> after a consonant go (Dhaka/Daka, Barishal/Barisal), <c>y</c> is <c>i</c> (Sylhet/Silet),
    /// <c>o</c> is <c>a</c> (the inherent vowel is written either way: Chottogram/Chattogram), doubled letters are single.
    /// Bangla script passes through without spaces.
    /// </summary>
    public static string Fold(string normalized)
    {
        var builder = new StringBuilder(normalized.Length);
        foreach (var raw in normalized)
        {
            if (raw == ' ')
            {
                continue;
            }
            var c = raw switch { 'y' => 'i', 'o' => 'a', 'z' => 'j', 'w' => 'a', _ => raw };
            if (c == 'h' && builder.Length > 0 && IsLatinConsonant(builder[^1]))
            {
                continue;
            }
            if (builder.Length > 0 && builder[^1] == c && c is >= 'a' and <= 'z')
            {
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// How well <paramref name="query"/> matches the best of <paramref name="names"/>: 0 a whole name, 1 a name's start,
    /// 2 the start of a word in a name, 3 a sound-alike start, 4 inside a name (queries of three or more characters);
    /// null for no match. Lower is better.
    /// </summary>
    public static int? Score(string query, IEnumerable<string> names)
    {
        var q = Normalize(query);
        if (q.Length == 0)
        {
            return null;
        }
        var folded = Fold(q);
        int? best = null;
        foreach (var name in names)
        {
            var n = Normalize(name);
            if (n.Length == 0)
            {
                continue;
            }
            int? score = n == q ? Exact
                : n.StartsWith(q, StringComparison.Ordinal) ? 1
                : n.Split(' ').Any(w => w.StartsWith(q, StringComparison.Ordinal)) ? 2
                : folded.Length > 0 && Fold(n).StartsWith(folded, StringComparison.Ordinal) ? 3
                : q.Length >= 3 && n.Contains(q, StringComparison.Ordinal) ? 4
                : null;
            if (score is { } s && (best is null || s < best))
            {
                best = s;
            }
        }
        return best;
    }

    /// <summary>The names a city answers to: its id, English and Bangla names and aliases.</summary>
    public static IEnumerable<string> Of(City city) => [city.Id, city.NameEn, city.NameBn, .. city.Aliases];

    /// <summary>
    /// The city <paramref name="text"/> names: an id, else a whole name or alias, else the one city whose name or alias
    /// sounds the same (<see cref="Fold"/>). Null when none or several fit.
    /// </summary>
    public static City? ResolveCity(IReadOnlyList<City> cities, string? text)
    {
        var q = Normalize(text);
        if (q.Length == 0)
        {
            return null;
        }
        if (cities.FirstOrDefault(c => c.Id == text) is { } byId)
        {
            return byId;
        }
        var whole = cities.Where(c => Of(c).Any(n => Normalize(n) == q)).ToList();
        if (whole.Count == 1)
        {
            return whole[0];
        }
        var folded = Fold(q);
        var alike = cities.Where(c => Of(c).Any(n => Fold(Normalize(n)) == folded)).ToList();
        return whole.Count == 0 && alike.Count == 1 ? alike[0] : null;
    }

    private static bool IsLatinConsonant(char c) => c is >= 'a' and <= 'z' and not ('a' or 'e' or 'i' or 'o' or 'u');
}
