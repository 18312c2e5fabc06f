namespace DiuParibahan.Hosting.Analytics;

/// <summary>Display names for the ids in reports (from the catalog). Unknown ids come back as the id itself.</summary>
public interface IReportNames
{
    (string Code, string En, string Bn) Route(string routeId);

    (string En, string Bn) Stop(string stopId);
}
