using DiuParibahan.WebFrontend.Pages;

namespace DiuParibahan.WebFrontend.Tests.Pages;

/// <summary>How a page and its shared parts become one page (<see cref="PageComposer"/>).</summary>
public sealed class PageComposerTests
{
    private static readonly Dictionary<string, string> Partials = new()
    {
        ["head"] = "<head>\n  <title data-i18n=\"{{title}}\">Diu Paribahan</title>\n</head>\n",
        ["end"] = "  <p>footer</p>\n<!-- include: close -->\n",
        ["close"] = "</body>\n",
        ["no-newline"] = "<hr />",
        ["loop"] = "<!-- include: loop -->\n",
    };

    private static string Compose(string html) => PageComposer.Compose("page.html", html, name => Partials.GetValueOrDefault(name));

    [Fact]
    public void IncludeLine_IsReplacedByThePartial_WithItsValuesFilledIn()
    {
        var page = Compose("<html>\n<!-- include: head title=\"audit.pageTitle\" -->\n<body>\n");

        Assert.Equal("<html>\n<head>\n  <title data-i18n=\"audit.pageTitle\">Diu Paribahan</title>\n</head>\n<body>\n", page);
    }

    [Fact]
    public void Partials_MayIncludeOtherPartials()
    {
        Assert.Equal("<main></main>\n  <p>footer</p>\n</body>\n", Compose("<main></main>\n    <!-- include: end -->\n"));
    }

    [Fact]
    public void PartialWithoutAFinalLineBreak_KeepsTheMarkersLineBreak()
    {
        Assert.Equal("<hr />\n<p>next</p>\n", Compose("<!-- include: no-newline -->\n<p>next</p>\n"));
    }

    [Fact]
    public void Values_AreHtmlEncoded()
    {
        var page = Compose("<!-- include: head title=\"a&b'c\" -->\n");

        Assert.Contains("data-i18n=\"a&amp;b&#x27;c\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_WithSpacesDotsAndSlashes_ComeOutAsWritten()
    {
        var page = Compose("<!-- include: head title=\"input w-full max-w-xs ops.stops/id\" -->\n");

        Assert.Contains("data-i18n=\"input w-full max-w-xs ops.stops/id\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void PageWithoutMarkers_IsLeftAsItIs()
    {
        const string html = "<!doctype html>\n<!-- a comment -->\n<p>{{not a placeholder here}}</p>\n";

        Assert.False(PageComposer.HasIncludes(html));
        Assert.Equal(html, Compose(html));
    }

    [Theory]
    [InlineData("<!-- include: nowhere -->\n", "no partial 'nowhere'")]
    [InlineData("<!-- include: head -->\n", "no value for {{title}}")]
    [InlineData("<!-- include: close title=\"x\" -->\n", "title not used")]
    [InlineData("<!-- include: head title=\"x\" title=\"y\" -->\n", "'title' is given twice")]
    [InlineData("<p><!-- include: close --></p>\n", "not on a line of its own")]
    [InlineData("<!-- include: head title=\"<script>\" -->\n", "not on a line of its own")]
    [InlineData("<!-- include: loop -->\n", "cycle")]
    public void Mistakes_AreRefused_NotServedAsIncompletePages(string html, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Compose(html));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
