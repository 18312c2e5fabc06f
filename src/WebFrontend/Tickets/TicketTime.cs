using System.Globalization;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Tickets;

/// <summary>
/// Dates and times on the printable ticket as the rest of the site shows them: a 12-hour clock in Dhaka time,
/// "Mon 7 Dec 2026, 10:30 pm" in English and the part of the day before the time in Bangla ("রাত ১০:৩০").
/// </summary>
public static class TicketTime
{
    public static string Format(DateTimeOffset at, bool bangla, CultureInfo culture)
    {
        var local = at.ToOffset(ServiceDay.DhakaOffset);
        if (!bangla)
        {
            return local.ToString("ddd d MMM yyyy, h:mm", CultureInfo.InvariantCulture) + (local.Hour < 12 ? " am" : " pm");
        }
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return $"{local.ToString("ddd d MMM yyyy", culture)}, {DayPart(local.Hour)} {hour}:{local.Minute:00}";
    }

    /// <summary>The Bangla part of the day, as CLDR (and the browser pages through Intl) names it.</summary>
    private static string DayPart(int hour) => hour switch
    {
        >= 4 and < 6 => "ভোর",
        >= 6 and < 12 => "সকাল",
        >= 12 and < 16 => "দুপুর",
        >= 16 and < 18 => "বিকাল",
        >= 18 and < 20 => "সন্ধ্যা",
        _ => "রাত",
    };
}
