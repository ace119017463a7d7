namespace Disputes.Domain.Notices;

/// <summary>
/// How an issued notice reaches the cardmember. Not to be confused with <see cref="Disputes.NoticeChannel"/>, which is
/// how the cardmember's billing-error notice reached the issuer.
/// </summary>
public enum DeliveryChannel
{
    /// <summary>The secure message centre: the notice is on the cardmember's page the moment it is issued.</summary>
    SecureMessage,

    /// <summary>The post: the notice joins a print queue, and counts as sent when the mail vendor hands it to the post.</summary>
    Postal,
}
