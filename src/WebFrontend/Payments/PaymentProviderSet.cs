using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Every payment provider this frontend offers, by name. A booking records the provider it was created with and
/// every later money movement (start, refund, change payments) goes through that one. <see cref="Card"/> is the card
/// provider (Stripe, or simulated without keys) that requests naming no method get, as before wallets were offered.
/// Adding a wallet (Nagad, Rocket) is one more <see cref="IWalletPaymentProvider"/> registered as a service.
/// </summary>
public sealed class PaymentProviderSet(IEnumerable<IWalletPaymentProvider> wallets, IPaymentProvider card)
{
    private readonly Dictionary<string, IPaymentProvider> _byName =
        wallets.Cast<IPaymentProvider>().Append(card).DistinctBy(p => p.Name).ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IPaymentProvider Card => card;

    /// <summary>The names offered to passengers, wallets first (they are what most passengers here pay with).</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys.OrderBy(n => n == card.Name ? 1 : 0)];

    /// <summary>The provider called <paramref name="name"/>, or null if this frontend has none by that name.</summary>
    public IPaymentProvider? Find(string? name) => name is not null && _byName.TryGetValue(name, out var provider) ? provider : null;

    /// <summary>The provider of <paramref name="booking"/>'s payment (the card provider for bookings made before wallets).</summary>
    public IPaymentProvider For(BookingView booking) => Find(booking.Payment.Provider) ?? card;
}

/// <summary>
/// A mobile wallet the payer is sent to (bKash; Nagad and Rocket would be next): offered beside the card provider,
/// which stays the one <see cref="IPaymentProvider"/> service. Its <see cref="PaymentStart.ClientSecret"/> is the
/// wallet address the payer's browser goes to.
/// </summary>
public interface IWalletPaymentProvider : IPaymentProvider;
