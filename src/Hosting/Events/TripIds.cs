namespace DiuParibahan.Hosting.Events;

/// <summary>Reading trip ids of the form <c>ROUTE-CODE-yyyyMMdd-HHmm</c> (see <c>TripPlanner.TripId</c>).</summary>
public static class TripIds
{
    /// <summary>The route code part of <paramref name="tripId"/>, or the whole id if it has no date and time parts.</summary>
    public static string RouteCodeOf(string tripId)
    {
        var time = tripId.LastIndexOf('-');
        var date = time > 0 ? tripId.LastIndexOf('-', time - 1) : -1;
        return date > 0 ? tripId[..date] : tripId;
    }
}
