using System.Net;
using System.Text.RegularExpressions;
using Disputes.Api.Notices;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using NodaTime;
using UglyToad.PdfPig;

namespace Disputes.Tests.Notices;

/// <summary>
/// The notices the tests render, each with the facts rule book section 8 requires it to say, written as the letter in
/// each language must write them. The dispute: $1,234.56 at XYZ Store on 2025-02-11, received 2025-03-03 in New York,
/// cycles closing on the 15th (acknowledgment due 04-02, resolution due 05-15).
/// </summary>
internal static partial class NoticeScenes
{
    public static readonly NoticeIssuer Issuer = new("Example Bank, N.A.");

    public static readonly NoticeRenderer Renderer = NoticeRenderer.FromOutput();

    /// <summary>The names of the scenes, for theories.</summary>
    public static readonly string[] Names =
        [
            "acknowledgment", "late_acknowledgment", "documents_request", "merchant_documents_request", "correction", "partial_correction", "explanation",
            "explanation_after_a_missed_deadline", "explanation_with_nothing_owed", "reporting", "resolution_reported",
        ];

    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static Dispute Open(BillingErrorKind reason = BillingErrorKind.Unauthorized, string merchant = "XYZ Store", int statementDaysBefore = 10)
    {
        var at = NewYork.AtStartOfDay(Received).ToInstant() + Duration.FromHours(12);
        var statement = Received.PlusDays(-statementDaysBefore);
        var window = FilingWindow.Evaluate(statement, Received);
        return Dispute.Start(new DisputeOpened(
            Guid.NewGuid(), "DSP-2025-000042", "acct-1001", "1005", "chat-a", reason, merchant, 1234.56m, "USD",
            new LocalDate(2025, 2, 11), statement, at, Received, NewYork.Id, "I did not make this purchase", NoticeChannel.Chat,
            window, window.Timely ? AcknowledgmentRule.DueOn(Received) : null,
            window.Timely ? ResolutionDeadline.Compute(Received, new MonthlyClosingDay(15)) : null, at));
    }

    public static Dispute Resolved(this Dispute dispute, ResolveDispute command, Instant at) =>
        command.Decide(dispute, at).Aggregate(dispute, (d, e) => d.Evolve(e));

    /// <summary>02:30 UTC on 03-21 is 22:30 on 03-20 in New York: the letter is dated March 20.</summary>
    public static readonly Instant SentAt = Instant.FromUtc(2025, 3, 21, 2, 30);

    public static Dispute Explained(string reasons, BillingErrorKind reason = BillingErrorKind.Unauthorized) =>
        Open(reason).Resolved(new ResolveDispute(ResolutionOutcome.NoError, null, reasons, 1234.56m, new LocalDate(2025, 4, 30)), SentAt);

    /// <summary>The notice of scene <paramref name="name"/>.</summary>
    public static NoticeContent Content(string name) => name switch
    {
        "acknowledgment" => AcknowledgmentNotice.For(Open().Evolve(new FinanceChargesRecorded(12.40m, SentAt - Duration.FromDays(2))), Issuer, SentAt),
        "late_acknowledgment" => AcknowledgmentNotice.For(Open(statementDaysBefore: 75), Issuer, SentAt),
        "documents_request" => DocumentsRequestNotice.For(Open(), Issuer, SentAt,
            new DocumentsRequest("A copy of your receipt for the return", DocumentSource.Cardmember, new LocalDate(2025, 4, 18), "Upload it in the secure message centre of online banking")),
        "merchant_documents_request" => DocumentsRequestNotice.For(Open(), Issuer, SentAt,
            new DocumentsRequest("The signed delivery receipt", DocumentSource.Merchant, new LocalDate(2025, 4, 18), "Through the card network's dispute system")),
        "correction" => NoticeContent.ForResolution(Open().Resolved(new ResolveDispute(ResolutionOutcome.Corrected, 1246.96m, null, null, null), SentAt), Issuer, SentAt),
        "partial_correction" => NoticeContent.ForResolution(
            Open().Resolved(new ResolveDispute(ResolutionOutcome.Partial, 234.56m, "The merchant's records show the remaining $1,000.00 was for the sofa you kept", 1000m, new LocalDate(2025, 4, 30)), SentAt),
            Issuer, SentAt),
        "explanation" => NoticeContent.ForResolution(Explained("The merchant sent the items you ordered", BillingErrorKind.NotReceived), Issuer, SentAt,
            "The carrier's tracking shows delivery to your address on February 13, 2025, signed for by you"),
        // Resolved on 04-10, after the acknowledgment was due on 04-02: $50.00 is forfeited and left out of what is owed.
        "explanation_after_a_missed_deadline" => NoticeContent.ForResolution(
            Open().Resolved(new ResolveDispute(ResolutionOutcome.NoError, null, "The signed receipt matches your signature", 1184.56m, new LocalDate(2025, 5, 10)), Instant.FromUtc(2025, 4, 10, 15, 0)),
            Issuer, Instant.FromUtc(2025, 4, 10, 15, 0)),
        "explanation_with_nothing_owed" => NoticeContent.ForResolution(
            Open().Resolved(new ResolveDispute(ResolutionOutcome.NoError, null, "The merchant refunded the charge on March 1, 2025", 0m, null), SentAt), Issuer, SentAt),
        "reporting" => ReportingNotice.For(Explained("The signed receipt matches your signature"), Issuer, SentAt + Duration.FromDays(30), ReportingStage.Reported,
            [new ReportedParty("Example Credit Bureau", ["PO Box 740241", "Atlanta, GA 30374"]), new ReportedParty("Second Reporting Agency", ["475 Anton Blvd", "Costa Mesa, CA 92626"])],
            new LocalDate(2025, 4, 18)),
        "resolution_reported" => ReportingNotice.For(Explained("The signed receipt matches your signature"), Issuer, SentAt + Duration.FromDays(40), ReportingStage.ResolutionReported,
            [new ReportedParty("Example Credit Bureau", ["PO Box 740241", "Atlanta, GA 30374"])], new LocalDate(2025, 4, 29)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>What the letter of scene <paramref name="name"/> must say in <paramref name="language"/>, beside what every notice says.</summary>
    public static IReadOnlyList<string> Required(string name, NoticeLanguage language)
    {
        var en = language == NoticeLanguage.En;
        // Every notice: the issuer, the case, the card ending only, the item, and the sent date in the account's zone.
        List<string> every =
        [
            "Example Bank, N.A.", en ? Field("Case number", "DSP-2025-000042") : Field("Número de caso", "DSP-2025-000042"),
            en ? Field("Account", "Card ending in 1005") : Field("Cuenta", "Tarjeta terminada en 1005"),
            en ? Field("Merchant", "XYZ Store") : Field("Comercio", "XYZ Store"),
            en ? Field("Amount", "$1,234.56") : Field("Importe", "$1,234.56"),
            en ? Field("Transaction date", "February 11, 2025") : Field("Fecha de la transacción", "11 de febrero de 2025"),
        ];
        string[] documentsRelied = en
            ? ["You may ask us for copies of the documents we relied on"]
            : ["Puede pedirnos copias de los documentos en que nos basamos"];
        var dueApril30 = en ? "Please pay it by April 30, 2025" : "páguelo a más tardar el 30 de abril de 2025";
        var delinquent = en ? "by April 30, 2025, we may report that amount as delinquent" : "a más tardar el 30 de abril de 2025, podremos informar que ese importe está en mora";
        var sentMarch20 = en ? "March 20, 2025" : "20 de marzo de 2025";
        string[] specific = name switch
        {
            "acknowledgment" =>
            [
                sentMarch20,
                en ? "We received your notice of a billing error on March 3, 2025" : "Recibimos su aviso de un error de facturación el 3 de marzo de 2025",
                en ? "We are investigating your dispute, and we will resolve it by May 15, 2025" : "Estamos investigando su disputa y la resolveremos a más tardar el 15 de mayo de 2025",
                en ? "You do not have to pay the $1,234.56 in dispute, or the finance charges or other charges related to it ($12.40 so far)"
                   : "no tiene que pagar los $1,234.56 en disputa, ni los cargos financieros u otros cargos relacionados con ese importe ($12.40 hasta ahora)",
                en ? "We will not try to collect the amount in dispute" : "No intentaremos cobrar el importe en disputa",
                en ? "We will not report the amount in dispute as delinquent" : "No informaremos a nadie que el importe en disputa está en mora",
            ],
            "late_acknowledgment" =>
            [
                sentMarch20,
                en ? "on March 3, 2025" : "el 3 de marzo de 2025",
                en ? "more than 60 days after we sent the first statement" : "más de 60 días después de que enviamos el primer estado de cuenta",
                en ? "We will still investigate your dispute" : "Aun así, investigaremos su disputa",
            ],
            "documents_request" =>
            [
                sentMarch20,
                "A copy of your receipt for the return", "Upload it in the secure message centre of online banking",
                en ? Field("Asked of", "You") : Field("A quién se piden", "A usted"),
                en ? Field("Send by", "April 18, 2025") : Field("Fecha límite", "18 de abril de 2025"),
                en ? "reach us by April 18, 2025" : "nos lleguen a más tardar el 18 de abril de 2025",
                en ? "resolve your dispute by May 15, 2025" : "resolveremos su disputa a más tardar el 15 de mayo de 2025",
            ],
            "merchant_documents_request" =>
            [
                sentMarch20,
                "The signed delivery receipt", "Through the card network's dispute system",
                en ? Field("Asked of", "XYZ Store (the merchant)") : Field("A quién se piden", "XYZ Store (el comercio)"),
                en ? Field("Send by", "April 18, 2025") : Field("Fecha límite", "18 de abril de 2025"),
                en ? "You do not need to do anything for this request" : "Usted no tiene que hacer nada por esta solicitud",
            ],
            "correction" =>
            [
                sentMarch20,
                en ? "We corrected the billing error" : "Corregimos el error de facturación",
                en ? Field("Amount credited", "$1,246.96") : Field("Importe acreditado", "$1,246.96"),
                en ? Field("Date credited", "March 20, 2025") : Field("Fecha del crédito", "20 de marzo de 2025"),
                en ? "includes the finance charges and other charges related to the amount corrected" : "incluye los cargos financieros y otros cargos relacionados con el importe corregido",
            ],
            "partial_correction" =>
            [
                sentMarch20,
                en ? "We corrected part of the billing error" : "Corregimos parte del error de facturación",
                en ? "Of the $1,234.56 in dispute, with the charges related to it, we corrected $234.56" : "De los $1,234.56 en disputa, con los cargos relacionados, corregimos $234.56",
                en ? Field("Date credited", "March 20, 2025") : Field("Fecha del crédito", "20 de marzo de 2025"),
                "The merchant's records show the remaining $1,000.00 was for the sofa you kept",
                en ? "You still owe $1,000.00 for this charge" : "Usted todavía debe $1,000.00 por este cargo",
                dueApril30, delinquent, .. documentsRelied,
            ],
            "explanation" =>
            [
                sentMarch20,
                en ? "We found no error in your account" : "No encontramos ningún error en su cuenta",
                en ? "On March 20, 2025 we concluded that the charge is correct" : "El 20 de marzo de 2025 concluimos que el cargo es correcto",
                "The merchant sent the items you ordered",
                en ? "We established that the goods or services were delivered" : "Comprobamos que los bienes o servicios se entregaron",
                "The carrier's tracking shows delivery to your address on February 13, 2025, signed for by you",
                en ? "You still owe $1,234.56 for this charge" : "Usted todavía debe $1,234.56 por este cargo",
                dueApril30, delinquent, .. documentsRelied,
            ],
            "explanation_after_a_missed_deadline" =>
            [
                en ? "April 10, 2025" : "10 de abril de 2025",
                en ? "we will not collect $50.00 of the amount in dispute" : "no cobraremos $50.00 del importe en disputa",
                en ? "You still owe $1,184.56 for this charge. Please pay it by May 10, 2025" : "Usted todavía debe $1,184.56 por este cargo. Por favor, páguelo a más tardar el 10 de mayo de 2025",
                en ? "If you do not pay $1,184.56 by May 10, 2025, we may report that amount as delinquent" : "Si no paga $1,184.56 a más tardar el 10 de mayo de 2025, podremos informar que ese importe está en mora",
                .. documentsRelied,
            ],
            "explanation_with_nothing_owed" =>
            [
                sentMarch20,
                "The merchant refunded the charge on March 1, 2025",
                en ? "You owe nothing more for this charge" : "Usted no debe nada más por este cargo",
                .. documentsRelied,
            ],
            "reporting" =>
            [
                en ? "April 19, 2025" : "19 de abril de 2025",
                en ? "you still dispute the $1,234.56" : "sigue disputando los $1,234.56",
                en ? "On April 18, 2025 we reported that amount as delinquent, and at the same time reported that you dispute it"
                   : "El 18 de abril de 2025 informamos que ese importe está en mora y, al mismo tiempo, que usted lo disputa",
                "Example Credit Bureau", "PO Box 740241", "Atlanta, GA 30374", "Second Reporting Agency", "475 Anton Blvd", "Costa Mesa, CA 92626",
                en ? "we will report the resolution to each of them" : "informaremos la resolución a cada una de ellas",
            ],
            "resolution_reported" =>
            [
                en ? "April 29, 2025" : "29 de abril de 2025",
                en ? "We reported the resolution of your dispute" : "Informamos la resolución de su disputa",
                en ? "On April 29, 2025 we reported the resolution" : "El 29 de abril de 2025 informamos la resolución",
                "Example Credit Bureau", "PO Box 740241", "Atlanta, GA 30374",
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        return [.. every, .. specific];
    }

    /// <summary>
    /// A labelled value: the HTML shows the label and the value in a definition list ("Amount $1.00" once tags are
    /// dropped), the PDF and the text as "Amount: $1.00". <see cref="InHtml"/> and <see cref="Printed"/> give each form.
    /// </summary>
    public static string Field(string label, string value) => $"{label}\t{value}";

    public static string InHtml(string fact) => fact.Replace('\t', ' ');

    public static string Printed(string fact) => fact.Replace("\t", ": ", StringComparison.Ordinal);

    /// <summary>What a reader of the HTML sees: the page's text, tags dropped, entities decoded, white space collapsed.</summary>
    public static string Visible(string html)
    {
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        return Collapse(WebUtility.HtmlDecode(Tag().Replace(body, " ")));
    }

    /// <summary>The words PdfPig reads from the PDF, page by page, joined by single spaces.</summary>
    public static string PdfText(byte[] pdf) => Collapse(string.Join(' ', PdfPages(pdf)));

    /// <summary>The text of each page of the PDF, as PdfPig reads its words.</summary>
    public static IReadOnlyList<string> PdfPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(page => string.Join(' ', page.GetWords().Select(word => word.Text)))];
    }

    public static string Collapse(string text) => Space().Replace(text, " ").Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
