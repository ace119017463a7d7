using System.Globalization;
using Disputes.Domain.Complaints;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.Complaints.Cardmembers.Wording;

/// <summary>The cardmember's complaints in Spanish (<c>Accept-Language: es</c>), formal "usted" as in the issuer's letters.</summary>
public sealed class SpanishComplaintWording : IComplaintWording
{
    /// <summary>The one instance; it holds no state.</summary>
    public static readonly SpanishComplaintWording Instance = new();

    // es-US, as the dispute wording: Spanish as written for the issuer's US cardmembers.
    private static readonly LocalDatePattern Dates = LocalDatePattern.Create("d 'de' MMMM 'de' uuuu", CultureInfo.GetCultureInfo("es-US"));

    private SpanishComplaintWording()
    {
    }

    /// <inheritdoc />
    public string Category(ComplaintCategory category) => category switch
    {
        ComplaintCategory.BillingDispute => "Una disputa de facturación",
        ComplaintCategory.FeesAndInterest => "Cargos o intereses",
        ComplaintCategory.Payments => "Pagos",
        ComplaintCategory.CreditReporting => "Informes de crédito",
        ComplaintCategory.Collections => "Cobranza",
        ComplaintCategory.AccountManagement => "La administración de su cuenta",
        ComplaintCategory.Rewards => "Recompensas",
        ComplaintCategory.Fraud => "Fraude o robo de identidad",
        ComplaintCategory.CustomerService => "Servicio al cliente",
        ComplaintCategory.Privacy => "Privacidad",
        _ => "Otro asunto",
    };

    /// <inheritdoc />
    public string Status(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "Recibimos su queja.",
        ComplaintStatus.InReview => "Estamos revisando su queja.",
        ComplaintStatus.Responded => "Respondimos a su queja.",
        ComplaintStatus.Closed => "Su queja está cerrada.",
        ComplaintStatus.Reopened => "Reabrimos su queja y la estamos revisando de nuevo.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <inheritdoc />
    public string WillRespondBy(LocalDate by) => $"Le responderemos a más tardar el {Dates.Format(by)}.";

    /// <inheritdoc />
    public string WillGiveFinalAnswerBy(LocalDate by) => $"Le enviaremos nuestra respuesta final a más tardar el {Dates.Format(by)}.";

    /// <inheritdoc />
    public string WillWriteToYou() => "Estamos atendiendo su queja y le escribiremos.";

    /// <inheritdoc />
    public string ClosedWhatIfYouDisagree() => "Si no está de acuerdo con nuestra respuesta, díganoslo en su chat e indique su referencia.";

    /// <inheritdoc />
    public string Received() => "Recibimos su queja.";

    /// <inheritdoc />
    public string ReviewStarted() => "Comenzamos a revisar su queja.";

    /// <inheritdoc />
    public string Responded() => "Le enviamos nuestra respuesta.";

    /// <inheritdoc />
    public string Closed() => "Cerramos su queja con nuestra respuesta final.";

    /// <inheritdoc />
    public string Reopened() => "Reabrimos su queja.";
}
