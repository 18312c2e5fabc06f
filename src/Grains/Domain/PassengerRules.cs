using DiuParibahan.Grains.Identity;
using System.Net.Mail;
using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Domain;

/// <summary>Checks passengers and contact of a booking and puts them in canonical form.</summary>
public static class PassengerRules
{
    public const int MaxNameLength = 80;

    /// <summary>How long a passport must stay valid after the day of travel on a cross-border route.</summary>
    public const int PassportMonthsAfterTravel = 6;

    /// <summary>
    /// Passengers on <paramref name="seats"/> in seat order, or why the input is not acceptable. A passenger's phone is
    /// optional (only the contact needs one). With <paramref name="crossBorderTravelDay"/> (the local day of travel on a
    /// cross-border route) every passenger needs a passport valid at least six months after it; otherwise passports are
    /// dropped, so no passport is kept where none is needed.
    /// </summary>
    public static (IReadOnlyList<Passenger>? Passengers, BookingFailure? Failure) Seat(
        IReadOnlyList<PassengerInput>? input, IReadOnlyList<string> seats, DateOnly? crossBorderTravelDay = null)
    {
        if (input is null || input.Count != seats.Count)
        {
            return (null, new(BookingErrorCode.PassengerCountMismatch,
                $"The hold has {seats.Count} seat(s); give exactly one passenger per seat, in seat order."));
        }
        var passengers = new List<Passenger>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var p = input[i];
            var name = p?.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                return (null, new(BookingErrorCode.InvalidPassenger, $"Passenger {i + 1}: a name of 1–{MaxNameLength} characters is required."));
            }
            var phone = "";
            if (!string.IsNullOrWhiteSpace(p!.Phone))
            {
                if (PhoneNumber.Normalize(p.Phone) is not { } normalised)
                {
                    return (null, new(BookingErrorCode.InvalidPassenger,
                        $"Passenger {i + 1}: the phone must be a Bangladeshi mobile number such as 01712345678, or left empty."));
                }
                phone = normalised;
            }
            if (!Enum.IsDefined(p.Gender))
            {
                return (null, new(BookingErrorCode.InvalidPassenger, $"Passenger {i + 1}: gender must be male, female or other."));
            }
            Passport? passport = null;
            if (crossBorderTravelDay is { } day)
            {
                var (checkedPassport, failure) = CheckPassport(p.Passport, i, day);
                if (failure is not null)
                {
                    return (null, failure);
                }
                passport = checkedPassport;
            }
            passengers.Add(new Passenger(name, phone, p.Gender, seats[i], passport));
        }
        return (passengers, null);
    }

    /// <summary>
    /// A passenger's passport in canonical form (number and nationality upper case, no spaces), or a failure naming
    /// the passenger (1-based) and the field: <c>passport.number</c> (6–9 letters and digits), <c>passport.nationality</c>
    /// (three letters, ISO 3166-1 alpha-3) or <c>passport.expiry</c> (at least six months after <paramref name="travelDay"/>).
    /// The number itself never appears in the message.
    /// </summary>
    public static (Passport? Passport, BookingFailure? Failure) CheckPassport(Passport? input, int index, DateOnly travelDay)
    {
        BookingFailure Fail(string field, string why) =>
            new(BookingErrorCode.InvalidPassport, $"Passenger {index + 1}: passport.{field} {why} (this route crosses a border).");
        if (input is null)
        {
            return (null, Fail("number", "is required, with passport.nationality and passport.expiry"));
        }
        var number = new string((input.Number ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (number.Length == 0)
        {
            return (null, Fail("number", "is required"));
        }
        if (number.Length is < 6 or > 9 || !number.All(char.IsAsciiLetterOrDigit))
        {
            return (null, Fail("number", "must be 6–9 letters and digits as printed in the passport"));
        }
        var nationality = (input.Nationality ?? "").Trim().ToUpperInvariant();
        if (nationality.Length != 3 || !nationality.All(char.IsAsciiLetterUpper))
        {
            return (null, Fail("nationality", "must be a three-letter country code such as BGD or IND"));
        }
        var earliest = travelDay.AddMonths(PassportMonthsAfterTravel);
        if (input.Expiry < earliest)
        {
            return (null, Fail("expiry", $"must be on or after {earliest:yyyy-MM-dd}, six months after the day of travel"));
        }
        return (new Passport(number, nationality, input.Expiry), null);
    }

    /// <summary>The contact in canonical form, or why not.</summary>
    public static (BookingContact? Contact, BookingFailure? Failure) Contact(BookingContact? input)
    {
        if (PhoneNumber.Normalize(input?.Phone) is not { } phone)
        {
            return (null, new(BookingErrorCode.InvalidContact, "The contact phone must be a Bangladeshi mobile number such as 01712345678."));
        }
        var email = string.IsNullOrWhiteSpace(input!.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            return (null, new(BookingErrorCode.InvalidContact, "The contact email is not a valid address."));
        }
        return (new BookingContact(phone, email), null);
    }
}
