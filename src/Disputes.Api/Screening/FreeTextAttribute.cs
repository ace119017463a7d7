namespace Disputes.Api.Screening;

/// <summary>
/// Marks a request member that holds text a person typed (a description, a note, a reason). Every string of a
/// request is screened on its own by <see cref="RequestScreen"/>; the members marked free text are screened joined
/// as well, so a card number typed half in one and half in another is still found.
/// </summary>
/// <remarks>
/// Structured members (dates, ids, amounts) are not joined: two adjacent dates read as one run of digits that
/// passes the Luhn check about one time in ten.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FreeTextAttribute : Attribute;
