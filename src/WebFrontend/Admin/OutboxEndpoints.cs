using DiuParibahan.Grains.Bookings;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Ops: the passenger notification outbox — what was sent, recorded, is retrying or gave up — and "retry now".</summary>
public static class OutboxEndpoints
{
    private const int MaxPage = 10_000;

    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/outbox").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        admin.MapGet("", ListOutbox).WithSummary("Passenger notifications, newest first; filter by status and PNR, 50 per page");
        admin.MapPost("/{id:long}/retry", RetryNow).WithSummary("Send a failed or dead notification again now")
            .Audited("outbox.retried", "id", "outbox:");
        return app;
    }

    private static async Task<Results<Ok<OutboxPageDto>, ProblemHttpResult>> ListOutbox(
        string? status, string? pnr, string? page, OutboxStore outbox, CancellationToken ct)
    {
        var wantedStatus = string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant();
        if (wantedStatus is not null && !OutboxStatus.All.Contains(wantedStatus))
        {
            return ApiProblems.Invalid($"status must be one of: {string.Join(", ", OutboxStatus.All)}.");
        }
        var wantedPnr = string.IsNullOrWhiteSpace(pnr) ? null : pnr.Trim().ToUpperInvariant();
        if (wantedPnr is not null && !PnrFormat.IsWellFormed(wantedPnr))
        {
            return ApiProblems.Invalid("pnr is not a booking reference.");
        }
        var pageNumber = 0;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, out pageNumber) || pageNumber is < 0 or > MaxPage))
        {
            return ApiProblems.Invalid($"page must be a whole number from 0 to {MaxPage}.");
        }
        var (messages, hasMore) = await outbox.ListAsync(wantedStatus, wantedPnr, pageNumber, ct);
        return TypedResults.Ok(new OutboxPageDto(pageNumber, OutboxStore.PageSize, hasMore, messages.Select(ToDto).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryNow(long id, OutboxStore outbox, TimeProvider time, CancellationToken ct)
    {
        var result = await outbox.RetryNowAsync(id, time.GetUtcNow(), ct);
        return result == OutboxRetryResult.Scheduled ? TypedResults.NoContent() : result.ToProblem();
    }

    private static OutboxMessageDto ToDto(OutboxMessage m) => new(m.Id, m.Pnr, m.Kind, m.Channel, RecipientMask.Mask(m.Channel, m.Recipient),
        m.Language, m.Status, m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt, m.Subject, m.BodyText);
}
