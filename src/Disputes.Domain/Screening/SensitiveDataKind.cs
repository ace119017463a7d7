namespace Disputes.Domain.Screening;

/// <summary>
/// A kind of secret that must never be asked for in chat nor stored: free text containing one is refused
/// before anything is kept. <see cref="SensitiveDataScreen"/> says how each is recognised.
/// </summary>
public enum SensitiveDataKind
{
    /// <summary>A full payment-card number: 13 to 19 digits, however grouped, that pass the Luhn check.</summary>
    CardNumber,

    /// <summary>A card security code (CVV, CVC, CID) given as such: its keyword, then 3 or 4 digits.</summary>
    CardSecurityCode,

    /// <summary>A full US Social Security number: formatted as one, or nine digits after its label.</summary>
    SocialSecurityNumber,

    /// <summary>
    /// A one-time passcode, verification code, password or PIN given as such: its keyword, then 4 to 8 digits.
    /// </summary>
    OneTimePasscode,
}
