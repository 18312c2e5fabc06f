using DiuParibahan.Grains.Identity;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("01712345678")]
    [InlineData("+8801712345678")]
    [InlineData("8801712345678")]
    [InlineData("1712345678")]
    [InlineData(" 017-1234 5678 ")]
    [InlineData("+880 (171) 234-5678")]
    [InlineData("০১৭১২৩৪৫৬৭৮")]
    [InlineData("+৮৮০১৭১২৩৪৫৬৭৮")]
    [InlineData("০১৭১২-৩৪৫৬৭৮")]
    public void TryNormalise_AnyWayOfWritingTheSameNumber_GivesOneIdentity(string input)
    {
        Assert.True(PhoneNumber.TryNormalise(input, out var phone));
        Assert.Equal("+8801712345678", phone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0171234567")]          // one digit short
    [InlineData("017123456789")]        // one digit long
    [InlineData("01212345678")]         // 012 is not a mobile operator prefix
    [InlineData("+01712345678")]        // plus without the country code
    [InlineData("+911712345678")]       // another country
    [InlineData("0171234567a")]
    [InlineData("01712345678; DROP TABLE users")]
    [InlineData("0171\u00002345678")]
    [InlineData("++8801712345678")]
    [InlineData("01712345678901234567890123456789012")]
    public void TryNormalise_NotABangladeshiMobileNumber_IsRefused(string? input)
    {
        Assert.False(PhoneNumber.TryNormalise(input, out var phone));
        Assert.Null(phone);
    }

    [Fact]
    public void Mask_HidesTheMiddleDigits() => Assert.Equal("+88017******78", PhoneNumber.Mask("+8801712345678"));
}
