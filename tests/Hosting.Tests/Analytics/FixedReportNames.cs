using DiuParibahan.Hosting.Analytics;

namespace DiuParibahan.Hosting.Tests.Analytics;

public sealed class FixedReportNames : IReportNames
{
    public (string Code, string En, string Bn) Route(string routeId) => (routeId == AnalyticsDataSet.RouteId ? "DHK-KHL" : routeId, "Dhaka – Khulna", "ঢাকা – খুলনা");

    public (string En, string Bn) Stop(string stopId) => (stopId, "স্টপ " + stopId);
}
