namespace OrleansHall.Customer;

/// <summary>Tags with a meaning to the queue and to staff; any other tag is free text.</summary>
public static class CustomerTags
{
    public const string Vip = "vip";
    public const string SpecialNeeds = "special-needs";
}
