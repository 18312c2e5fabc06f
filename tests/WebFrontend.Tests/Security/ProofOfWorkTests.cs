using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Limits;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// The proof-of-work challenge of code requests on its own, with a fake clock: the puzzle, the signature binding it to
/// a phone, expiry, single use with bounded memory, the difficulty curve and the per-address meter.
/// </summary>
public sealed class ProofOfWorkTests
{
    private const string Phone = "+8801712345678";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    private ProofOfWorkChallenges Challenges(int spentCapacity = 1000) => new(_key, Lifetime, _clock, spentCapacity);

    /// <summary>The smallest counter solving <paramref name="token"/> at <paramref name="difficulty"/> bits, as a client finds it.</summary>
    public static long Solve(string token, int difficulty)
    {
        for (long n = 0; ; n++)
        {
            if (ProofOfWork.Solves(token, n, difficulty))
            {
                return n;
            }
        }
    }

    [Fact]
    public void LeadingZeroBits_CountsZeroBytesAndTheZeroBitsOfTheFirstOtherByte()
    {
        Assert.Equal(0, ProofOfWork.LeadingZeroBits([0x80, 0x00]));
        Assert.Equal(7, ProofOfWork.LeadingZeroBits([0x01]));
        Assert.Equal(19, ProofOfWork.LeadingZeroBits([0x00, 0x00, 0x1f, 0xff]));
        Assert.Equal(16, ProofOfWork.LeadingZeroBits([0x00, 0x00]));
    }

    [Fact]
    public void Solves_TheSharedTestVector_AsTheBrowserSolverDoes()
    {
        // SHA-256("test-challenge388") = 0002c287…: the browser's test (proof-of-work.test.mjs) finds 388 as well.
        Assert.Equal("0002c287", Convert.ToHexStringLower(SHA256.HashData("test-challenge388"u8))[..8]);
        Assert.True(ProofOfWork.Solves("test-challenge", 388, 12));
        Assert.Equal(388, Solve("test-challenge", 12));
        Assert.False(ProofOfWork.Solves("test-challenge", 388, 15));
    }

    [Fact]
    public void Solves_RefusesCountersOutsideWhatABrowserCountsExactly()
    {
        Assert.False(ProofOfWork.Solves("test-challenge", -1, 0));
        Assert.False(ProofOfWork.Solves("test-challenge", ProofOfWork.MaxSolution + 1, 0));
        Assert.True(ProofOfWork.Solves("test-challenge", ProofOfWork.MaxSolution, 0));
    }

    [Fact]
    public void Check_WhenSolvedForItsPhone_IsAcceptedOnce()
    {
        var challenges = Challenges();
        var challenge = challenges.Issue(Phone, 8);
        var solution = Solve(challenge.Token, challenge.Difficulty);

        Assert.Equal(8, challenge.Difficulty);
        Assert.Equal(ProofOfWorkChallenges.TokenLength, challenge.Token.Length);
        Assert.Equal(ProofOfWorkVerdict.Accepted, challenges.Check(challenge.Token, Phone, solution));
        Assert.Equal(ProofOfWorkVerdict.Reused, challenges.Check(challenge.Token, Phone, solution));
    }

    [Fact]
    public void Check_AnotherFrontendWithTheSameKey_AcceptsTheChallenge()
    {
        var challenge = Challenges().Issue(Phone, 6);

        Assert.Equal(ProofOfWorkVerdict.Accepted, Challenges().Check(challenge.Token, Phone, Solve(challenge.Token, 6)));
    }

    [Fact]
    public void Check_ForAnotherPhone_IsInvalid()
    {
        var challenges = Challenges();
        var challenge = challenges.Issue(Phone, 6);

        Assert.Equal(ProofOfWorkVerdict.Invalid, challenges.Check(challenge.Token, "+8801812345678", Solve(challenge.Token, 6)));
    }

    [Fact]
    public void Check_SignedWithAnotherKey_IsInvalid()
    {
        var forged = new ProofOfWorkChallenges(RandomNumberGenerator.GetBytes(32), Lifetime, _clock, 10).Issue(Phone, 0);

        Assert.Equal(ProofOfWorkVerdict.Invalid, Challenges().Check(forged.Token, Phone, 0));
    }

    [Fact]
    public void Check_WithTheDifficultyLoweredInTheToken_IsInvalid()
    {
        var challenge = Challenges().Issue(Phone, 20);
        var bytes = Base64Url.DecodeFromChars(challenge.Token);
        bytes[1 + 16 + 8] = 0;
        var lowered = Base64Url.EncodeToString(bytes);

        Assert.Equal(ProofOfWorkVerdict.Invalid, Challenges().Check(lowered, Phone, 0));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Check_WithGarbage_IsInvalid(string? token) =>
        Assert.Equal(ProofOfWorkVerdict.Invalid, Challenges().Check(token, Phone, 0));

    [Fact]
    public void Check_WithACounterThatDoesNotSolveIt_IsInvalidAndNotSpent()
    {
        var challenges = Challenges();
        var challenge = challenges.Issue(Phone, 10);
        var solution = Solve(challenge.Token, 10);
        var wrong = Enumerable.Range(0, 10_000).Select(n => (long)n).First(n => !ProofOfWork.Solves(challenge.Token, n, 10));

        Assert.Equal(ProofOfWorkVerdict.Invalid, challenges.Check(challenge.Token, Phone, wrong));
        Assert.Equal(ProofOfWorkVerdict.Accepted, challenges.Check(challenge.Token, Phone, solution));
    }

    [Fact]
    public void Check_AfterItsLifetime_IsExpired_AndJustBeforeIsAccepted()
    {
        var challenges = Challenges();
        var early = challenges.Issue(Phone, 4);
        var late = challenges.Issue(Phone, 4);

        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(ProofOfWorkVerdict.Accepted, challenges.Check(early.Token, Phone, Solve(early.Token, 4)));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ProofOfWorkVerdict.Expired, challenges.Check(late.Token, Phone, Solve(late.Token, 4)));
        Assert.True(late.ExpiresAt <= _clock.GetUtcNow());
    }

    [Fact]
    public void SpentMemory_WhenFullOfLiveChallenges_RefusesMore_AndForgetsThemOnceExpired()
    {
        var challenges = Challenges(spentCapacity: 2);
        var solved = Enumerable.Range(0, 4).Select(_ => challenges.Issue(Phone, 0)).ToList();

        Assert.Equal(ProofOfWorkVerdict.Accepted, challenges.Check(solved[0].Token, Phone, 0));
        Assert.Equal(ProofOfWorkVerdict.Accepted, challenges.Check(solved[1].Token, Phone, 0));
        Assert.Equal(ProofOfWorkVerdict.Busy, challenges.Check(solved[2].Token, Phone, 0));
        Assert.Equal(2, challenges.SpentCount);

        _clock.Advance(Lifetime + TimeSpan.FromSeconds(1));
        var fresh = challenges.Issue(Phone, 0);
        Assert.Equal(ProofOfWorkVerdict.Accepted, challenges.Check(fresh.Token, Phone, 0));
        Assert.Equal(1, challenges.SpentCount);
    }

    [Theory]
    [InlineData(121, 120, 15)]
    [InlineData(479, 120, 15)]
    [InlineData(480, 120, 16)]
    [InlineData(1920, 120, 17)]
    [InlineData(3000, 120, 17)]
    [InlineData(10_000_000, 120, 21)]
    [InlineData(1, 0, 15)]
    [InlineData(4, 0, 16)]
    [InlineData(double.PositiveInfinity, 120, 15)]
    public void Difficulty_GrowsByOneBitEachTimeTheRateQuadruplesPastTheAllowance(double rate, int allowance, int bits) =>
        Assert.Equal(bits, ProofOfWork.DifficultyFor(rate, allowance, baseBits: 15, maxBits: 21));

    [Fact]
    public void AddressMeter_CountsPerAddressOverASlidingMinute()
    {
        var meter = new OtpAddressMeter(new SharedCounts(_clock, capacity: 100));
        _clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 9; i++)
        {
            meter.Count("198.51.100.1");
        }
        Assert.Equal(10, meter.Count("198.51.100.1"));
        Assert.Equal(1, meter.Count("198.51.100.2"));

        // Into the next minute by a quarter: three quarters of the last minute's ten still count.
        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(1 + 7.5, meter.Count("198.51.100.1"), precision: 6);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, meter.Count("198.51.100.1"));
    }

    [Fact]
    public void AddressMeter_WhenFullOfRecentAddresses_ReportsANewOneAsPastAnyAllowance_UntilTheyGoQuiet()
    {
        var meter = new OtpAddressMeter(new SharedCounts(_clock, capacity: 2));
        meter.Count("198.51.100.1");
        meter.Count("198.51.100.2");

        Assert.Equal(double.PositiveInfinity, meter.Count("198.51.100.3"));
        Assert.Equal(2, meter.Count("198.51.100.1"));

        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, meter.Count("198.51.100.3"));
    }

    [Fact]
    public void AddressKey_IsTheIPv4Address_OrTheIPv6Slash64()
    {
        Assert.Equal("203.0.113.7", OtpAddressMeter.KeyFor(IPAddress.Parse("203.0.113.7")));
        Assert.Equal("203.0.113.7", OtpAddressMeter.KeyFor(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal("2001:db8:1:2::/64", OtpAddressMeter.KeyFor(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.Equal(OtpAddressMeter.KeyFor(IPAddress.Parse("2001:db8:1:2::1")), OtpAddressMeter.KeyFor(IPAddress.Parse("2001:db8:1:2::ffff")));
        Assert.NotEqual(OtpAddressMeter.KeyFor(IPAddress.Parse("2001:db8:1:2::1")), OtpAddressMeter.KeyFor(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("unknown", OtpAddressMeter.KeyFor(null));
    }

    [Fact]
    public void Token_CarriesNoPhone()
    {
        var challenge = Challenges().Issue(Phone, 1);

        Assert.DoesNotContain("1712345678", Encoding.ASCII.GetString(Base64Url.DecodeFromChars(challenge.Token)), StringComparison.Ordinal);
    }
}
