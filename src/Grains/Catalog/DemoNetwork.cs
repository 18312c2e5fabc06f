namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// The demo network seeded in embedded mode: the company's main corridors in both directions, two departures a day on
/// each, fares in whole taka per leg and class.
/// </summary>
public static class DemoNetwork
{
    public static Network Create(DateOnly from, DateOnly to)
    {
        Stop[] stops =
        [
            new("dhaka-kalyanpur", "Dhaka (Kalyanpur)", "ঢাকা (কল্যাণপুর)", "dhaka", StopKind.Counter),
            new("dhaka-sayedabad", "Dhaka (Sayedabad)", "ঢাকা (সায়েদাবাদ)", "dhaka", StopKind.Counter),
            new("dhaka-gabtoli", "Dhaka (Gabtoli)", "ঢাকা (গাবতলী)", "dhaka", StopKind.Counter),
            new("jashore", "Jashore", "যশোর", "jashore", StopKind.Counter),
            new("benapole", "Benapole", "বেনাপোল", "benapole", StopKind.Counter),
            new("kolkata-marquis-street", "Kolkata (Marquis Street)", "কলকাতা (মারকুইস স্ট্রিট)", "kolkata", StopKind.Counter),
            new("khulna-sonadanga", "Khulna (Sonadanga)", "খুলনা (সোনাডাঙ্গা)", "khulna", StopKind.Counter),
            new("chattogram-dampara", "Chattogram (Dampara)", "চট্টগ্রাম (দামপাড়া)", "chattogram", StopKind.Counter),
            new("coxs-bazar", "Cox's Bazar", "কক্সবাজার", "coxs-bazar", StopKind.Counter),
            new("sylhet-kadamtali", "Sylhet (Kadamtali)", "সিলেট (কদমতলী)", "sylhet", StopKind.Counter),
            new("rajshahi", "Rajshahi", "রাজশাহী", "rajshahi", StopKind.Counter),
            new("barishal", "Barishal", "বরিশাল", "barishal", StopKind.Counter),
            new("dhaka-arambagh", "Dhaka (Arambagh)", "ঢাকা (আরামবাগ)", "dhaka", StopKind.Counter),
        ];

        // (code, English, Bangla, stops with minute offsets, fares per class per leg, departures and coach classes)
        var corridors = new (string Code, string En, string Bn, (string Stop, int Offset)[] Stops, ClassFares[] Fares, (TimeOnly At, CoachClass Class)[] Departures)[]
        {
            ("DHK-KOL", "Dhaka – Kolkata via Padma Bridge", "ঢাকা – কলকাতা (পদ্মা সেতু হয়ে)",
                [("dhaka-kalyanpur", 0), ("jashore", 270), ("benapole", 360), ("kolkata-marquis-street", 600)],
                [new(CoachClass.AcBusiness, [1400, 350, 1450]), new(CoachClass.AcEconomy, [1000, 250, 1100])],
                [(new(6, 30), CoachClass.AcBusiness), (new(22, 30), CoachClass.AcEconomy)]),
            ("DHK-KHL", "Dhaka – Khulna", "ঢাকা – খুলনা",
                [("dhaka-gabtoli", 0), ("jashore", 270), ("khulna-sonadanga", 360)],
                [new(CoachClass.AcEconomy, [850, 250]), new(CoachClass.NonAc, [550, 150])],
                [(new(8, 0), CoachClass.NonAc), (new(23, 0), CoachClass.AcEconomy)]),
            ("DHK-COX", "Dhaka – Chattogram – Cox's Bazar", "ঢাকা – চট্টগ্রাম – কক্সবাজার",
                [("dhaka-sayedabad", 0), ("chattogram-dampara", 330), ("coxs-bazar", 600)],
                [new(CoachClass.AcBusiness, [1300, 900]), new(CoachClass.NonAc, [680, 420])],
                [(new(7, 0), CoachClass.NonAc), (new(21, 30), CoachClass.AcBusiness)]),
            ("DHK-SYL", "Dhaka – Sylhet", "ঢাকা – সিলেট",
                [("dhaka-sayedabad", 0), ("sylhet-kadamtali", 330)],
                [new(CoachClass.AcEconomy, [950]), new(CoachClass.NonAc, [620])],
                [(new(7, 30), CoachClass.NonAc), (new(23, 15), CoachClass.AcEconomy)]),
            ("DHK-RAJ", "Dhaka – Rajshahi", "ঢাকা – রাজশাহী",
                [("dhaka-gabtoli", 0), ("rajshahi", 360)],
                [new(CoachClass.AcEconomy, [1000]), new(CoachClass.NonAc, [700])],
                [(new(9, 0), CoachClass.NonAc), (new(22, 45), CoachClass.AcEconomy)]),
            ("DHK-BAR", "Dhaka – Barishal via Padma Bridge", "ঢাকা – বরিশাল (পদ্মা সেতু হয়ে)",
                [("dhaka-sayedabad", 0), ("barishal", 240)],
                [new(CoachClass.AcEconomy, [800]), new(CoachClass.NonAc, [550])],
                [(new(8, 30), CoachClass.NonAc), (new(16, 0), CoachClass.AcEconomy)]),
            // A second Khulna corridor from other Dhaka counters, so "Dhaka → Khulna" gathers coaches from several of them.
            ("DHK-KHL-PB", "Dhaka – Khulna via Padma Bridge", "ঢাকা – খুলনা (পদ্মা সেতু হয়ে)",
                [("dhaka-kalyanpur", 0), ("dhaka-arambagh", 45), ("khulna-sonadanga", 315)],
                [new(CoachClass.AcEconomy, [100, 900]), new(CoachClass.NonAc, [60, 600])],
                [(new(7, 30), CoachClass.NonAc), (new(22, 15), CoachClass.AcEconomy)]),
        };

        var routes = new List<Route>();
        var coaches = new List<Coach>();
        var schedules = new List<Schedule>();
        foreach (var c in corridors)
        {
            var outbound = new Route(c.Code.ToLowerInvariant(), c.Code, c.En, c.Bn,
                c.Stops.Select(s => new RouteStop(s.Stop, s.Offset)).ToList(), c.Fares);
            routes.Add(outbound);
            routes.Add(Reverse(outbound));
            foreach (var route in new[] { outbound, routes[^1] })
            {
                foreach (var (at, coachClass) in c.Departures)
                {
                    var coach = NewCoach(coaches.Count + 1, coachClass);
                    coaches.Add(coach);
                    schedules.Add(new Schedule($"{route.Id}-{at:HHmm}", route.Id, coach.Id, at, from, to));
                }
            }
        }
        return new Network(stops.Select(DemoPoints.WithPoints).ToList(), routes.Select(DemoPoints.WithBorder).ToList(),
            SeatLayouts.All, coaches, schedules, Cities.All);
    }

    private static Route Reverse(Route route)
    {
        // DHK-KHL-PB runs back as KHL-DHK-PB: the two ends swap, a variant suffix stays.
        var parts = route.Code.Split('-');
        var code = string.Join('-', [parts[1], parts[0], .. parts[2..]]);
        var total = route.Stops[^1].OffsetMinutes;
        var en = ReverseName(route.NameEn, " via ");
        var bn = ReverseName(route.NameBn, " (");
        return new Route(
            code.ToLowerInvariant(),
            code,
            en, bn,
            route.Stops.Reverse().Select(s => new RouteStop(s.StopId, total - s.OffsetMinutes)).ToList(),
            route.Fares.Select(f => new ClassFares(f.Class, f.LegFares.Reverse().ToList())).ToList());
    }

    /// <summary>"Dhaka – Kolkata via Padma Bridge" becomes "Kolkata – Dhaka via Padma Bridge".</summary>
    private static string ReverseName(string name, string suffixMarker)
    {
        var cut = name.IndexOf(suffixMarker, StringComparison.Ordinal);
        var (places, suffix) = cut < 0 ? (name, "") : (name[..cut], name[cut..]);
        return string.Join(" – ", places.Split(" – ").Reverse()) + suffix;
    }

    private static Coach NewCoach(int number, CoachClass coachClass)
    {
        var (layout, make) = coachClass switch
        {
            CoachClass.AcBusiness => (SeatLayouts.AcBusiness, "Scania K410"),
            CoachClass.AcEconomy => (SeatLayouts.AcEconomy, "Volvo B11R"),
            _ => (SeatLayouts.NonAc, "Hino AK1J"),
        };
        return new Coach($"coach-{number:D2}", $"Dhaka Metro Ba-15-{4100 + number}", coachClass, layout.Code, make);
    }
}
