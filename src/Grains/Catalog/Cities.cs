namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// The cities a network starts with: the places Bangladeshi coaches run between (and the cross-border ones), with the
/// old and common spellings people still type as aliases. New networks and networks stored before cities existed get
/// this list; stops name one of them.
/// </summary>
public static class Cities
{
    public static readonly IReadOnlyList<City> All =
    [
        new("dhaka", "Dhaka", "ঢাকা", ["Dacca"]),
        new("chattogram", "Chattogram", "চট্টগ্রাম", ["Chittagong", "Chattagram", "Ctg"]),
        new("khulna", "Khulna", "খুলনা", []),
        new("rajshahi", "Rajshahi", "রাজশাহী", []),
        new("sylhet", "Sylhet", "সিলেট", ["Srihatta"]),
        new("barishal", "Barishal", "বরিশাল", ["Barisal"]),
        new("rangpur", "Rangpur", "রংপুর", []),
        new("mymensingh", "Mymensingh", "ময়মনসিংহ", ["Maimansingh", "Moymonsingho"]),
        new("cumilla", "Cumilla", "কুমিল্লা", ["Comilla"]),
        new("jashore", "Jashore", "যশোর", ["Jessore", "Josor"]),
        new("bogura", "Bogura", "বগুড়া", ["Bogra"]),
        new("coxs-bazar", "Cox's Bazar", "কক্সবাজার", ["Cox Bazar", "Coxbazar"]),
        new("benapole", "Benapole", "বেনাপোল", []),
        new("kolkata", "Kolkata", "কলকাতা", ["Calcutta", "Kolkatta"]),
        new("siliguri", "Siliguri", "শিলিগুড়ি", []),
        new("agartala", "Agartala", "আগরতলা", []),
        new("narayanganj", "Narayanganj", "নারায়ণগঞ্জ", []),
        new("gazipur", "Gazipur", "গাজীপুর", []),
        new("tangail", "Tangail", "টাঙ্গাইল", []),
        new("feni", "Feni", "ফেনী", []),
        new("noakhali", "Noakhali", "নোয়াখালী", ["Maijdee"]),
        new("chandpur", "Chandpur", "চাঁদপুর", []),
        new("brahmanbaria", "Brahmanbaria", "ব্রাহ্মণবাড়িয়া", []),
        new("kushtia", "Kushtia", "কুষ্টিয়া", []),
        new("satkhira", "Satkhira", "সাতক্ষীরা", []),
        new("bagerhat", "Bagerhat", "বাগেরহাট", []),
        new("mongla", "Mongla", "মোংলা", []),
        new("faridpur", "Faridpur", "ফরিদপুর", []),
        new("gopalganj", "Gopalganj", "গোপালগঞ্জ", []),
        new("pabna", "Pabna", "পাবনা", []),
        new("sirajganj", "Sirajganj", "সিরাজগঞ্জ", []),
        new("dinajpur", "Dinajpur", "দিনাজপুর", []),
        new("thakurgaon", "Thakurgaon", "ঠাকুরগাঁও", []),
        new("saidpur", "Saidpur", "সৈয়দপুর", []),
        new("natore", "Natore", "নাটোর", []),
        new("chapai-nawabganj", "Chapai Nawabganj", "চাঁপাইনবাবগঞ্জ", ["Nawabganj", "Chapainawabganj"]),
        new("patuakhali", "Patuakhali", "পটুয়াখালী", []),
        new("kuakata", "Kuakata", "কুয়াকাটা", []),
        new("moulvibazar", "Moulvibazar", "মৌলভীবাজার", ["Moulvi Bazar", "Maulvibazar"]),
        new("sreemangal", "Sreemangal", "শ্রীমঙ্গল", ["Srimangal"]),
        new("habiganj", "Habiganj", "হবিগঞ্জ", []),
        new("sunamganj", "Sunamganj", "সুনামগঞ্জ", []),
        new("rangamati", "Rangamati", "রাঙ্গামাটি", []),
        new("bandarban", "Bandarban", "বান্দরবান", []),
        new("khagrachhari", "Khagrachhari", "খাগড়াছড়ি", ["Khagrachari"]),
        new("teknaf", "Teknaf", "টেকনাফ", []),
        new("jamalpur", "Jamalpur", "জামালপুর", []),
        new("kishoreganj", "Kishoreganj", "কিশোরগঞ্জ", []),
        new("jhenaidah", "Jhenaidah", "ঝিনাইদহ", ["Jhenida"]),
        new("magura", "Magura", "মাগুরা", []),
        new("chuadanga", "Chuadanga", "চুয়াডাঙ্গা", []),
        new("madaripur", "Madaripur", "মাদারীপুর", []),
        new("pirojpur", "Pirojpur", "পিরোজপুর", []),
        new("bhola", "Bhola", "ভোলা", []),
        new("lakshmipur", "Lakshmipur", "লক্ষ্মীপুর", ["Laxmipur"]),
        new("kurigram", "Kurigram", "কুড়িগ্রাম", []),
        new("panchagarh", "Panchagarh", "পঞ্চগড়", []),
        new("naogaon", "Naogaon", "নওগাঁ", []),
    ];

    /// <summary>
    /// <paramref name="network"/> with cities, for one stored before they existed: the built-in list, plus a city for
    /// any free-text city name of a stop that names none of them; each stop's city then holds its city's id.
    /// </summary>
    public static Network Upgrade(Network network)
    {
        if (network.Cities is not null)
        {
            return network;
        }
        var cities = All.ToList();
        var stops = new List<Stop>();
        foreach (var stop in network.Stops)
        {
            if (PlaceNames.ResolveCity(cities, stop.City) is not { } city)
            {
                var slug = SlugOf(stop.City);
                var id = slug;
                for (var n = 2; cities.Any(c => c.Id == id); n++)
                {
                    id = $"{slug}-{n}";
                }
                city = new City(id, stop.City, stop.City, []);
                cities.Add(city);
            }
            stops.Add(stop with { City = city.Id });
        }
        return network with { Stops = stops, Cities = cities };
    }

    private static string SlugOf(string name)
    {
        var slug = string.Join('-', PlaceNames.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 0 ? slug : "city";
    }
}
