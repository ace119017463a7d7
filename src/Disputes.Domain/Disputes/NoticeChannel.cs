namespace Disputes.Domain.Disputes;

/// <summary>
/// How the billing-error notice reached the issuer. Recorded on every dispute because a notice is only
/// "written" under comment 13(b)-2 when the issuer's billing-rights statement accepts that channel.
/// </summary>
public enum NoticeChannel
{
    /// <summary>The authenticated chat, which the program's billing-rights statement accepts as written.</summary>
    Chat,
}
