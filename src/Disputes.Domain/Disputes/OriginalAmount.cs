namespace Disputes.Domain.Disputes;

/// <summary>
/// A foreign transaction's amount as charged by the merchant, kept as information only: the disputed amount and every
/// figure the rules use (forfeiture, holds) are in the billing currency, US dollars (rule book, "Dates and time zones").
/// </summary>
/// <param name="Amount">The amount in <paramref name="Currency"/>, at most two decimals.</param>
/// <param name="Currency">ISO 4217 code, e.g. <c>EUR</c>.</param>
public sealed record OriginalAmount(decimal Amount, string Currency);
