using Microsoft.Playwright;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// Waits for a condition in the page without <c>WaitForFunction</c>: when its predicate is not true at once, Playwright
/// polls it by evaluating a string in the page, which our Content-Security-Policy (no <c>unsafe-eval</c>) refuses — the
/// wait then fails with an EvalError, only when the page happens to be slower than the first check. Each
/// <c>EvaluateAsync</c> here goes through the debugging protocol, which the policy does not govern.
/// </summary>
public static class PageConditions
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Evaluates <paramref name="predicate"/> (a JS function, may be async) until it returns true, or throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(IPage page, string predicate, object? arg = null, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await page.EvaluateAsync<bool>(predicate, arg))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The page at {page.Url} never satisfied: {predicate}");
            }
            // A condition poll with a deadline: the page offers no event for these conditions (caches, charts, lang).
            await Task.Delay(Poll);
        }
    }
}
