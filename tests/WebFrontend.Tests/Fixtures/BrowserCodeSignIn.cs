using Microsoft.Playwright;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// Fills the SMS-code form the way a passenger does — on the sign-in page or in the in-place dialog of the seat map —
/// reading the demo code the embedded test app shows instead of texting it.
/// </summary>
public static class BrowserCodeSignIn
{
    private static readonly LocatorWaitForOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 30_000 };

    /// <summary>Signs <paramref name="phone"/> in through the code form inside <paramref name="scope"/> (a page or the dialog).</summary>
    public static async Task EnterPhoneAndCodeAsync(ILocator scope, string phone)
    {
        var phoneInput = scope.Locator("[data-otp-step=phone] [name=phone]");
        await phoneInput.WaitForAsync(Visible);
        await phoneInput.FillAsync(phone);
        await scope.Locator("[data-otp-send]").ClickAsync();
        var demo = scope.Locator("[data-otp-demo]");
        await demo.WaitForAsync(Visible);
        var code = await demo.GetAttributeAsync("data-code");
        await scope.Locator("[data-otp-step=code] [name=code]").FillAsync(code!);
        await scope.Locator("[data-otp-verify]").ClickAsync();
    }

    /// <summary>Signs in on /login.html (the SMS-code tab is the default).</summary>
    public static Task OnSignInPageAsync(IPage page, string phone) => EnterPhoneAndCodeAsync(page.Locator("#code-panel"), phone);

    /// <summary>
    /// Signs in on /login.html and waits until the page has gone on to <paramref name="path"/>. If it never does, the
    /// failure says where the page is and what the form shows, instead of a bare navigation timeout.
    /// </summary>
    public static async Task OnSignInPageThenAtAsync(IPage page, string phone, string path)
    {
        await OnSignInPageAsync(page, phone);
        try
        {
            // The address alone: WaitForURL also waits for a load state, and a page already at the address whose load
            // is still going (fonts, the live connection) once timed out here although sign-in had worked.
            await Assertions.Expect(page).ToHaveURLAsync(
                new System.Text.RegularExpressions.Regex("^[^?#]*" + System.Text.RegularExpressions.Regex.Escape(path) + "([?#]|$)"),
                new() { Timeout = 60_000 });
        }
        catch (PlaywrightException)
        {
            var errors = page.Locator("#code-panel [data-otp-error]:visible");
            var shown = await errors.CountAsync() > 0 ? string.Join(" | ", await errors.AllInnerTextsAsync()) : "no error";
            throw new TimeoutException($"Signing in never went on to {path}: the page is at {page.Url} and shows {shown}.");
        }
    }

    /// <summary>Answers the in-place dialog the seat map opens when holding needs a verified phone.</summary>
    public static Task InDialogAsync(IPage page, string phone) => EnterPhoneAndCodeAsync(page.Locator("dialog[data-otp-dialog]"), phone);
}
