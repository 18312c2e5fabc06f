namespace DiuParibahan.Grains.Bookings;

/// <summary>A passenger's gender, which coach companies use to seat women together. Never renumber: persisted.</summary>
[GenerateSerializer, Alias("Gender")]
public enum Gender
{
    Male = 0,
    Female = 1,
    Other = 2,
}
