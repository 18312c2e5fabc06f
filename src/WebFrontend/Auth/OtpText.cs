using System.Globalization;
using System.Text;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>The sign-in code SMS in English or Bangla (Bangla digits in Bangla, so the code reads as the phone shows it).</summary>
public static class OtpText
{
    public static string For(string language, string code, TimeSpan lifetime)
    {
        var minutes = ((int)Math.Ceiling(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return language == "bn"
            ? $"দিউ পরিবহন সাইন-ইন কোড: {BanglaDigits(code)}। {BanglaDigits(minutes)} মিনিটের মধ্যে ব্যবহার করুন। কোডটি কাউকে জানাবেন না।"
            : $"Diu Paribahan sign-in code: {code}. It expires in {minutes} minutes. Never share it with anyone.";
    }

    private static string BanglaDigits(string ascii)
    {
        var text = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            text.Append(char.IsAsciiDigit(c) ? (char)('০' + (c - '0')) : c);
        }
        return text.ToString();
    }
}
