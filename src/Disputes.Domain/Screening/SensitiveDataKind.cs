namespace Disputes.Domain.Screening;

/// <summary>
/// A kind of secret that must never be asked for in chat nor stored: free text containing one is refused
/// before anything is kept.
/// </summary>
public enum SensitiveDataKind
{
    /// <summary>A full payment-card number: 13 to 19 digits that pass the Luhn check.</summary>
    CardNumber,

    /// <summary>A card security code (CVV, CVC, CID) given as such: the keyword followed by 3 or 4 digits.</summary>
    CardSecurityCode,

    /// <summary>A full US Social Security number.</summary>
    SocialSecurityNumber,

    /// <summary>A one-time passcode or verification code: the keyword followed by 4 to 8 digits.</summary>
    OneTimePasscode,
}
