namespace DiuParibahan.Grains.Bookings;

/// <summary>Names recorded in <see cref="BookingPayment.Provider"/> that callers outside the grains compare against.</summary>
public static class PaymentProviders
{
    /// <summary>Counter sales: cash taken (and handed back) by the clerk, never sent to a payment provider.</summary>
    public const string Cash = "cash";

    /// <summary>bKash Tokenized Checkout: the payer approves in the bKash wallet; only bKash's own answer confirms.</summary>
    public const string Bkash = "bkash";
}
