using DiuParibahan.Grains.Queue;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>Problems of the waiting room: the grains' refusals and the hold gate's.</summary>
public static class QueueProblems
{
    public static ProblemHttpResult ToProblem(this SaleWindowFailure failure, string? windowId = null) =>
        ApiProblems.Create(ProblemCatalog.CodeFor(failure.Code), failure.Detail, windowId is null ? null : new Dictionary<string, object?> { ["windowId"] = windowId });

    public static ProblemHttpResult NotFound() =>
        new SaleWindowFailure(SaleWindowErrorCode.SaleWindowNotFound, "There is no such sale window.").ToProblem();

    /// <summary>The hold gate's refusal, naming the window and where its queue is, so the page can send the passenger there.</summary>
    public static ProblemHttpResult Gate(string code, SaleWindow window, string detail) => ApiProblems.Create(code, detail,
        new Dictionary<string, object?>
        {
            ["windowId"] = window.Id,
            ["opensAt"] = window.OpensAt,
            ["queueUrl"] = "/queue.html?window=" + Uri.EscapeDataString(window.Id),
        });
}
