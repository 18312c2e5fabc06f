using DiuParibahan.Grains.Identity;
using System.Net.Mail;
using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Domain;

/// <summary>Checks passengers and contact of a booking and puts them in canonical form.</summary>
public static class PassengerRules
{
    public const int MaxNameLength = 80;

    /// <summary>Passengers on <paramref name="seats"/> in seat order, or why the input is not acceptable.</summary>
    public static (IReadOnlyList<Passenger>? Passengers, BookingFailure? Failure) Seat(
        IReadOnlyList<PassengerInput>? input, IReadOnlyList<string> seats)
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
            if (PhoneNumber.Normalize(p!.Phone) is not { } phone)
            {
                return (null, new(BookingErrorCode.InvalidPassenger, $"Passenger {i + 1}: the phone must be a Bangladeshi mobile number such as 01712345678."));
            }
            if (!Enum.IsDefined(p.Gender))
            {
                return (null, new(BookingErrorCode.InvalidPassenger, $"Passenger {i + 1}: gender must be male, female or other."));
            }
            passengers.Add(new Passenger(name, phone, p.Gender, seats[i]));
        }
        return (passengers, null);
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
