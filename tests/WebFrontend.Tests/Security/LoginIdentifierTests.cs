using DiuParibahan.WebFrontend.Auth;

namespace DiuParibahan.WebFrontend.Tests.Security;

public sealed class LoginIdentifierTests
{
    [Theory]
    [InlineData("01712345678", "+8801712345678")]
    [InlineData("+8801712345678", "+8801712345678")]
    [InlineData("8801912345678", "+8801912345678")]
    [InlineData(" 017-1234 5678 ", "+8801712345678")]
    [InlineData("(0131) 234-5678", "+8801312345678")]
    [InlineData("Rahim@Example.COM", "rahim@example.com")]
    public void TryNormalise_AcceptsCommonWritings(string input, string expected)
    {
        Assert.True(LoginIdentifier.TryNormalise(input, out var login));
        Assert.Equal(expected, login);
    }

    [Theory]
    [InlineData("0171234567")]
    [InlineData("017123456789")]
    [InlineData("01212345678")]
    [InlineData("+4401712345678")]
    [InlineData("rahim@")]
    [InlineData("@example.com")]
    [InlineData("rahim@localhost")]
    [InlineData("a b@example.com")]
    [InlineData(null)]
    public void TryNormalise_RefusesWhatIsNeitherANumberNorAnAddress(string? input)
    {
        Assert.False(LoginIdentifier.TryNormalise(input, out _));
    }

    [Theory]
    [InlineData("+8801712345678", "+88017******78")]
    [InlineData("rahim@example.com", "r***@example.com")]
    public void Mask_HidesMostOfTheIdentifier(string login, string masked)
    {
        Assert.Equal(masked, LoginIdentifier.Mask(login));
    }
}
