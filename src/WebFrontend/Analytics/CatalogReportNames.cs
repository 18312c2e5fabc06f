using DiuParibahan.Hosting.Analytics;
using DiuParibahan.WebFrontend.Trips;

namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>Report names from the catalog snapshot the frontend already caches.</summary>
public sealed class CatalogReportNames(NetworkCache.Snapshot snapshot) : IReportNames
{
    public (string Code, string En, string Bn) Route(string routeId) =>
        snapshot.Network.Routes.FirstOrDefault(r => r.Id == routeId) is { } route ? (route.Code, route.NameEn, route.NameBn) : (routeId, routeId, routeId);

    public (string En, string Bn) Stop(string stopId) =>
        snapshot.Stops.TryGetValue(stopId, out var stop) ? (stop.NameEn, stop.NameBn) : (stopId, stopId);
}
