using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace DiuParibahan.WebFrontend.Pages;

/// <summary>
/// Puts a page together from its shared parts: each line <c>&lt;!-- include: name key="value" … --&gt;</c> is replaced by
/// the partial <c>name</c>, whose <c>{{key}}</c> placeholders take the marker's values, HTML-encoded. Partials may
/// include others. Anything that would make a page silently incomplete (an unknown partial, a placeholder without a
/// value, a value no placeholder uses, a malformed marker, an include cycle) throws instead.
/// </summary>
public static partial class PageComposer
{
    /// <summary>What every include marker starts with; a page without it is served as it is.</summary>
    public const string Marker = "<!-- include:";

    // Deep enough for a page → layout part → shared part; a deeper chain is a cycle.
    private const int MaxDepth = 8;

    [GeneratedRegex("""^[ \t]*<!-- include: (?<name>[a-z0-9-]+)(?<args>(?: [a-z][a-z0-9-]*="[^"<>]*")*) -->[ \t]*(?:\r?\n|$)""", RegexOptions.Multiline)]
    private static partial Regex IncludeLine();

    [GeneratedRegex(@"(?<key>[a-z][a-z0-9-]*)=""(?<value>[^""<>]*)""")]
    private static partial Regex Argument();

    [GeneratedRegex(@"\{\{([a-z][a-z0-9-]*)\}\}")]
    private static partial Regex Placeholder();

    /// <summary>Whether <paramref name="html"/> has include markers at all.</summary>
    public static bool HasIncludes(string html) => html.Contains(Marker, StringComparison.Ordinal);

    /// <summary>The page with every include resolved.</summary>
    /// <param name="page">Where the page comes from, for error messages.</param>
    /// <param name="html">The page's text.</param>
    /// <param name="partial">A partial's text by name, or null when there is none.</param>
    public static string Compose(string page, string html, Func<string, string?> partial) => Compose(page, html, partial, 0);

    private static string Compose(string source, string html, Func<string, string?> partial, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{source}: includes nest more than {MaxDepth} deep; is there a cycle?");
        }
        var resolved = IncludeLine().Replace(html, line =>
        {
            var name = line.Groups["name"].Value;
            var text = partial(name) ?? throw new InvalidOperationException($"{source}: there is no partial '{name}'.");
            var values = Arguments(source, line.Groups["args"].Value);
            var filled = Fill($"partial '{name}' in {source}", text, values);
            var composed = Compose($"partial '{name}'", filled, partial, depth + 1);
            // The marker's line break stays, whether or not the partial's file ends in one.
            return line.Value.EndsWith('\n') && !composed.EndsWith('\n') ? composed + "\n" : composed;
        });
        if (HasIncludes(resolved))
        {
            throw new InvalidOperationException(
                $"{source}: an include marker is not on a line of its own in the form <!-- include: name key=\"value\" -->.");
        }
        return resolved;
    }

    private static Dictionary<string, string> Arguments(string source, string args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match argument in Argument().Matches(args))
        {
            if (!values.TryAdd(argument.Groups["key"].Value, argument.Groups["value"].Value))
            {
                throw new InvalidOperationException($"{source}: '{argument.Groups["key"].Value}' is given twice.");
            }
        }
        return values;
    }

    private static string Fill(string source, string text, Dictionary<string, string> values)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var filled = Placeholder().Replace(text, placeholder =>
        {
            var key = placeholder.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
            {
                throw new InvalidOperationException($"{source}: no value for {{{{{key}}}}}.");
            }
            used.Add(key);
            // Values land in attribute values and text; encoding keeps a stray quote or bracket from ending either.
            return HtmlEncoder.Default.Encode(value);
        });
        var unused = values.Keys.Where(key => !used.Contains(key)).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException($"{source}: {string.Join(", ", unused)} not used by the partial.");
        }
        return filled;
    }
}
