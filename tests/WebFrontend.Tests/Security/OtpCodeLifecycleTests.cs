using System.Security.Cryptography;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Testing;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Limits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// The life of a sign-in code against both databases with a fake clock: expiry, tries, cool-down, hourly cap, hashed at
/// rest, spent once; and the SMS that carries it.
/// </summary>
public sealed class OtpCodeLifecycleTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Phone = "+8801712345678";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private sealed record Rig(OtpService Otp, OtpCodeStore Codes, UserStore Users, FakeTimeProvider Clock, RecordingSms Sms, AppDatabase Database)
        : IAsyncDisposable
    {
        public async Task<string> SendAsync(string phone = Phone)
        {
            var result = await Otp.SendAsync(phone, "en", "203.0.113.7", Ct);
            Assert.True(result.Sent, result.Failure?.Detail);
            return result.DemoCode ?? Sms.Sent.Last().Code;
        }

        public async ValueTask DisposeAsync() => await Database.DisposeAsync();
    }

    private sealed class RecordingSms : ISmsGateway
    {
        public List<(string To, string Text, string Code)> Sent { get; } = [];

        public Task SendAsync(string to, string text, string idempotencyKey, CancellationToken ct)
        {
            var code = new string(text.Where(char.IsDigit).Select(c => (char)('0' + char.GetNumericValue(c))).ToArray())[..6];
            Sent.Add((to, text, code));
            return Task.CompletedTask;
        }
    }

    private async Task<Rig> RigAsync(DatabaseProvider provider, bool gateway = false, OtpOptions? options = null)
    {
        AppDatabase database;
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = await postgres.CreateDatabaseAsync("otp_" + Guid.NewGuid().ToString("N")[..12]);
            await SchemaMigrator.MigrateAsync(provider, connectionString, Ct);
            database = AppDatabase.ForPostgres(connectionString);
        }
        else
        {
            var path = Path.Combine(Directory.CreateTempSubdirectory("dp-otp-").FullName, "test.db");
            await SchemaMigrator.MigrateAsync(provider, new SqliteConnectionStringBuilder { DataSource = path }.ToString(), Ct);
            database = AppDatabase.ForSqliteFile(path);
        }
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var auth = Options.Create(new AuthOptions());
        var keys = new SigningKeys(RandomNumberGenerator.GetBytes(32));
        var users = new UserStore(database);
        var accounts = new AccountService(users, new RefreshTokenStore(database, clock), new TokenIssuer(keys, auth, clock),
            new PasswordHasher<UserAccount>(), auth, clock, NullLogger<AccountService>.Instance);
        var sms = new RecordingSms();
        var services = new ServiceCollection().AddSingleton<ISmsGateway>(sms).BuildServiceProvider();
        var codes = new OtpCodeStore(database);
        var otp = new OtpService(codes, users, accounts, keys, Options.Create(options ?? new OtpOptions()),
            OtpDelivery.Decide(gateway, embedded: true, production: false), new SharedCounts(clock, 1000), services, clock, NullLogger<OtpService>.Instance);
        return new Rig(otp, codes, users, clock, sms, database);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_WithinFiveMinutes_SignsIn_CreatesThePassenger_AndMarksThePhoneVerified(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();
        rig.Clock.Advance(TimeSpan.FromMinutes(4.9));

        var result = await rig.Otp.VerifyAsync(Phone, code, Ct);

        Assert.NotNull(result.Session);
        Assert.Equal(Roles.Passenger, result.Session.User.Role);
        Assert.True(result.Session.User.PhoneVerified);
        var stored = await rig.Users.FindByLoginAsync(Phone, Ct);
        Assert.Equal(result.Session.User.Id, stored!.Id);
        Assert.Equal(Phone, stored.VerifiedPhone);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_AfterFiveMinutes_IsRefused_AndCreatesNoAccount(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();
        rig.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await rig.Otp.VerifyAsync(Phone, code, Ct);

        Assert.Equal(AuthErrorCode.InvalidCode, result.Failure?.Code);
        Assert.Null(await rig.Users.FindByLoginAsync(Phone, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_AfterFiveWrongTries_RefusesEvenTheRightCode(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();
        var wrong = code == "000000" ? "000001" : "000000";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(AuthErrorCode.InvalidCode, (await rig.Otp.VerifyAsync(Phone, wrong, Ct)).Failure?.Code);
        }

        var result = await rig.Otp.VerifyAsync(Phone, code, Ct);

        Assert.Equal(AuthErrorCode.InvalidCode, result.Failure?.Code);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_AfterFourWrongTries_StillTakesTheRightCode(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();
        var wrong = code == "000000" ? "000001" : "000000";
        for (var i = 0; i < 4; i++)
        {
            await rig.Otp.VerifyAsync(Phone, wrong, Ct);
        }

        Assert.NotNull((await rig.Otp.VerifyAsync(Phone, code, Ct)).Session);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_TheSameCodeTwice_TheReplayIsRefused(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();
        Assert.NotNull((await rig.Otp.VerifyAsync(Phone, code, Ct)).Session);

        var replay = await rig.Otp.VerifyAsync(Phone, code, Ct);

        Assert.Equal(AuthErrorCode.InvalidCode, replay.Failure?.Code);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_WithoutARequest_GetsTheSameAnswerAsAWrongCode(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();
        var wrong = code == "000000" ? "000001" : "000000";

        var unknown = await rig.Otp.VerifyAsync("+8801812345678", "123456", Ct);
        var mistaken = await rig.Otp.VerifyAsync(Phone, wrong, Ct);

        Assert.Equal(mistaken.Failure, unknown.Failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_WithinTheCooldown_IsRefusedWithTheRemainingWait_AndAllowedAfterIt(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        await rig.SendAsync();
        rig.Clock.Advance(TimeSpan.FromSeconds(45));

        var early = await rig.Otp.SendAsync(Phone, "en", "203.0.113.7", Ct);

        Assert.Equal(AuthErrorCode.OtpCooldown, early.Failure?.Code);
        Assert.Equal(TimeSpan.FromSeconds(15), early.RetryAfter);
        rig.Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True((await rig.Otp.SendAsync(Phone, "en", "203.0.113.7", Ct)).Sent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ASixthCodeWithinAnHour_IsRefused_UntilTheHourHasPassed(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        for (var i = 0; i < 5; i++)
        {
            await rig.SendAsync();
            rig.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var sixth = await rig.Otp.SendAsync(Phone, "en", "203.0.113.7", Ct);

        Assert.Equal(AuthErrorCode.OtpHourlyLimit, sixth.Failure?.Code);
        Assert.Equal(TimeSpan.FromMinutes(50), sixth.RetryAfter);
        rig.Clock.Advance(TimeSpan.FromMinutes(50));
        Assert.True((await rig.Otp.SendAsync(Phone, "en", "203.0.113.7", Ct)).Sent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ANewCode_ReplacesTheOldOne(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var first = await rig.SendAsync();
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await rig.SendAsync();

        if (first != second)
        {
            Assert.Equal(AuthErrorCode.InvalidCode, (await rig.Otp.VerifyAsync(Phone, first, Ct)).Failure?.Code);
        }
        Assert.NotNull((await rig.Otp.VerifyAsync(Phone, second, Ct)).Session);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Code_IsStoredAsAKeyedHash_NeverInPlain(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider);
        var code = await rig.SendAsync();

        var stored = await rig.Codes.FindHashAsync(Phone, Ct);

        Assert.NotNull(stored);
        Assert.DoesNotContain(code, stored);
        Assert.Equal(rig.Otp.Hash(Phone, code), stored);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Phone + ":" + code))), stored);
    }

    [Fact]
    public async Task Send_ThroughTheGateway_TextsTheCodeInBangla_WithBanglaDigits_AndShowsNoDemoCode()
    {
        await using var rig = await RigAsync(DatabaseProvider.Sqlite, gateway: true);

        var result = await rig.Otp.SendAsync(Phone, "bn", "203.0.113.7", Ct);

        Assert.True(result.Sent);
        Assert.Null(result.DemoCode);
        var (to, text, code) = Assert.Single(rig.Sms.Sent);
        Assert.Equal(Phone, to);
        Assert.Contains("সাইন-ইন কোড", text);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.Contains(new string(code.Select(c => (char)('০' + (c - '0'))).ToArray()), text);
        Assert.NotNull((await rig.Otp.VerifyAsync(Phone, code, Ct)).Session);
    }

    [Fact]
    public async Task Send_FromOneAddressPastItsFreeAllowance_AsksForAChallenge_OtherAddressesAreNot()
    {
        await using var rig = await RigAsync(DatabaseProvider.Sqlite, gateway: true, options: new OtpOptions { PerAddressPerMinute = 3, ChallengeBaseBits = 6 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await rig.Otp.SendAsync($"+88017000000{i:D2}", "en", "198.51.100.1", Ct)).Sent);
        }

        var over = await rig.Otp.SendAsync("+8801700000099", "en", "198.51.100.1", Ct);
        var elsewhere = await rig.Otp.SendAsync("+8801700000098", "en", "198.51.100.2", Ct);

        Assert.Equal(AuthErrorCode.ChallengeRequired, over.Failure?.Code);
        Assert.Equal(6, over.Challenge?.Difficulty);
        Assert.Null(over.RetryAfter);
        Assert.True(elsewhere.Sent);
        Assert.DoesNotContain(rig.Sms.Sent, sms => sms.To == "+8801700000099");
    }

    [Fact]
    public async Task Send_WithTheChallengeSolved_SendsTheCode_ButNotTwiceNorForAnotherPhone()
    {
        await using var rig = await RigAsync(DatabaseProvider.Sqlite, gateway: true,
            options: new OtpOptions { PerAddressPerMinute = 0, ChallengeBaseBits = 6, ResendCooldown = TimeSpan.Zero });
        var challenge = (await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", Ct)).Challenge!;
        var solution = new ProofOfWorkSolution(challenge.Token, ProofOfWorkTests.Solve(challenge.Token, challenge.Difficulty));

        var otherPhone = await rig.Otp.SendAsync("+8801812345678", "en", "198.51.100.1", solution, Ct);
        var sent = await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", solution, Ct);
        var again = await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", solution, Ct);

        Assert.Equal(AuthErrorCode.ChallengeInvalid, otherPhone.Failure?.Code);
        Assert.True(sent.Sent, sent.Failure?.Detail);
        Assert.Equal(AuthErrorCode.ChallengeInvalid, again.Failure?.Code);
        Assert.Equal([Phone], rig.Sms.Sent.Select(sms => sms.To));
    }

    [Fact]
    public async Task Send_WithAnExpiredSolution_AsksForAFreshChallenge_AndSendsNothing()
    {
        await using var rig = await RigAsync(DatabaseProvider.Sqlite, gateway: true, options: new OtpOptions { PerAddressPerMinute = 0, ChallengeBaseBits = 6 });
        var challenge = (await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", Ct)).Challenge!;
        var solution = new ProofOfWorkSolution(challenge.Token, ProofOfWorkTests.Solve(challenge.Token, challenge.Difficulty));

        rig.Clock.Advance(new OtpOptions().ChallengeLifetime + TimeSpan.FromSeconds(1));
        var late = await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", solution, Ct);

        Assert.Equal(AuthErrorCode.ChallengeRequired, late.Failure?.Code);
        Assert.NotEqual(challenge.Token, late.Challenge?.Token);
        Assert.Empty(rig.Sms.Sent);
    }

    [Fact]
    public async Task Send_ForAPhoneInItsCooldown_PastTheAllowance_IsRefusedForThePhone_BeforeAnyChallenge()
    {
        await using var rig = await RigAsync(DatabaseProvider.Sqlite, gateway: true, options: new OtpOptions { PerAddressPerMinute = 1, ChallengeBaseBits = 6 });
        Assert.True((await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", Ct)).Sent);

        var again = await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", Ct);

        Assert.Equal(AuthErrorCode.OtpCooldown, again.Failure?.Code);
        Assert.Null(again.Challenge);
        Assert.Single(rig.Sms.Sent);
    }

    [Fact]
    public async Task Send_ForAPhonePastItsHourlyCap_WithASolvedChallenge_IsStillRefused()
    {
        await using var rig = await RigAsync(DatabaseProvider.Sqlite, gateway: true,
            options: new OtpOptions { PerAddressPerMinute = 0, ChallengeBaseBits = 4, ResendCooldown = TimeSpan.Zero, MaxCodesPerHour = 2 });
        // Three challenges solved up front: the third is good, but the phone's hourly cap has the last word.
        var solutions = new List<ProofOfWorkSolution>();
        for (var i = 0; i < 3; i++)
        {
            var challenge = (await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", Ct)).Challenge!;
            solutions.Add(new ProofOfWorkSolution(challenge.Token, ProofOfWorkTests.Solve(challenge.Token, challenge.Difficulty)));
        }

        Assert.True((await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", solutions[0], Ct)).Sent);
        Assert.True((await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", solutions[1], Ct)).Sent);
        var third = await rig.Otp.SendAsync(Phone, "en", "198.51.100.1", solutions[2], Ct);

        Assert.Equal(AuthErrorCode.OtpHourlyLimit, third.Failure?.Code);
        Assert.Equal(2, rig.Sms.Sent.Count);
    }

    [Fact]
    public void Delivery_ShowsDemoCodes_OnlyInANonProductionEmbeddedRunWithoutAGateway()
    {
        Assert.True(OtpDelivery.Decide(gatewayConfigured: false, embedded: true, production: false).DemoCodes);
        Assert.False(OtpDelivery.Decide(gatewayConfigured: true, embedded: true, production: false).DemoCodes);
        Assert.False(OtpDelivery.Decide(gatewayConfigured: false, embedded: false, production: false).DemoCodes);
        Assert.False(OtpDelivery.Decide(gatewayConfigured: false, embedded: true, production: true).DemoCodes);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SmsCeiling_WhenTheHoursBudgetIsSent_RefusesCodesUntilTheNextHour_AndTextsNothing(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider, gateway: true, new OtpOptions { SmsPerHourCeiling = 2 });
        rig.Clock.Advance(TimeSpan.FromMinutes(20));
        await rig.SendAsync("+8801712000001");
        await rig.SendAsync("+8801712000002");

        var refused = await rig.Otp.SendAsync("+8801712000003", "en", "203.0.113.7", Ct);

        Assert.False(refused.Sent);
        Assert.Equal(AuthErrorCode.SmsCeiling, refused.Failure?.Code);
        Assert.Equal(TimeSpan.FromMinutes(40), refused.RetryAfter);
        Assert.Equal(2, rig.Sms.Sent.Count);
        Assert.Equal(2, rig.Otp.Ceiling.SentThisHour);

        // A new clock hour opens a new budget; the refused phone was not put in its cool-down.
        rig.Clock.Advance(TimeSpan.FromMinutes(40));
        await rig.SendAsync("+8801712000003");
        Assert.Equal(3, rig.Sms.Sent.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SmsCeiling_DoesNotCountDemoCodes_WhichCostNothing(DatabaseProvider provider)
    {
        await using var rig = await RigAsync(provider, gateway: false, new OtpOptions { SmsPerHourCeiling = 1 });

        await rig.SendAsync("+8801712000001");
        await rig.SendAsync("+8801712000002");

        Assert.Equal(0, rig.Otp.Ceiling.SentThisHour);
    }
}
