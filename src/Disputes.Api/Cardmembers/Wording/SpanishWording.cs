using System.Globalization;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Api.Cardmembers.Wording;

/// <summary>The cardmember's view in Spanish (<c>Accept-Language: es</c>), formal "usted" as in the issuer's letters.</summary>
public sealed class SpanishWording : ICardmemberWording
{
    /// <summary>The one instance; it holds no state.</summary>
    public static readonly SpanishWording Instance = new();

    // es-US: Spanish as written for the issuer's US cardmembers (month names in Spanish, "." as decimal point).
    private readonly CardmemberFormats formats = new(CultureInfo.GetCultureInfo("es-US"), "d 'de' MMMM 'de' uuuu");

    private SpanishWording()
    {
    }

    /// <inheritdoc />
    public string Language => "es";

    /// <inheritdoc />
    public string Date(LocalDate date) => formats.Date(date);

    /// <inheritdoc />
    public string Money(decimal amount, string currency) => formats.Money(amount, currency);

    /// <inheritdoc />
    public string Status(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "Recibimos su disputa y la estamos revisando.",
        DisputeStatus.Acknowledged => "Estamos investigando su disputa.",
        DisputeStatus.Resolved => "Su disputa está resuelta.",
        DisputeStatus.Withdrawn => "Usted retiró esta disputa.",
        DisputeStatus.Reopened => "Reabrimos su disputa y la estamos revisando de nuevo.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <inheritdoc />
    public string WillAcknowledgeBy(LocalDate by) => $"Acusaremos recibo de su disputa a más tardar el {Date(by)}.";

    /// <inheritdoc />
    public string WillResolveBy(LocalDate by) => $"Terminaremos nuestra investigación y le informaremos el resultado a más tardar el {Date(by)}.";

    /// <inheritdoc />
    public string WillWriteWithOutcome() => "Estamos investigando y le escribiremos con el resultado.";

    /// <inheritdoc />
    public string PayBy(decimal amount, string currency, LocalDate by) => $"Por favor, pague {Money(amount, currency)} a más tardar el {Date(by)}.";

    /// <inheritdoc />
    public string NothingMoreNeeded() => "No necesita hacer nada más.";

    /// <inheritdoc />
    public string Received(string merchant, decimal amount, string currency) =>
        $"Recibimos su disputa sobre el cargo de {Money(amount, currency)} de {merchant}.";

    /// <inheritdoc />
    public string Acknowledged() => "Le enviamos un acuse de recibo por escrito de su disputa.";

    /// <inheritdoc />
    public string ProvisionalCredit(decimal amount, string currency) =>
        $"Le dimos un crédito temporal de {Money(amount, currency)} mientras investigamos.";

    /// <inheritdoc />
    public string DocumentsRequested(string documents) => $"Le pedimos documentos: {documents.TrimEnd('.')}.";

    /// <inheritdoc />
    public string DocumentsReceived() => "Recibimos los documentos que nos envió.";

    /// <inheritdoc />
    public string Corrected(decimal? credited, string currency) => credited is { } amount
        ? $"Corregimos el error y acreditamos {Money(amount, currency)} a su cuenta."
        : "Corregimos el error en su cuenta.";

    /// <inheritdoc />
    public string NoErrorFound(string? explanation, decimal? owed, string currency, LocalDate? dueOn)
    {
        var text = explanation is null ? "No encontramos ningún error." : $"No encontramos ningún error: {explanation.TrimEnd('.')}.";
        return owed is > 0 && dueOn is { } due ? $"{text} Usted debe {Money(owed.Value, currency)}, a pagar a más tardar el {Date(due)}." : text;
    }

    /// <inheritdoc />
    public string PartlyCorrected(decimal? credited, string? explanation, decimal? owed, string currency, LocalDate? dueOn)
    {
        var text = credited is { } amount
            ? $"Corregimos parte del error y acreditamos {Money(amount, currency)} a su cuenta."
            : "Corregimos parte del error en su cuenta.";
        text = explanation is null ? text : $"{text} Sobre el resto: {explanation.TrimEnd('.')}.";
        return owed is > 0 && dueOn is { } due ? $"{text} Usted debe {Money(owed.Value, currency)}, a pagar a más tardar el {Date(due)}." : text;
    }

    /// <inheritdoc />
    public string Withdrawn() => "Usted retiró su disputa.";

    /// <inheritdoc />
    public string Reopened() => "Reabrimos su disputa a petición suya.";

    /// <inheritdoc />
    public string NeedNotPayNow(decimal amount, string currency) =>
        $"Mientras lo investigamos, no necesita pagar los {Money(amount, currency)} en disputa ni los cargos relacionados. No intentaremos cobrarlos ni los reportaremos como atrasados.";

    /// <inheritdoc />
    public string NotYetBilled() =>
        "Este cargo todavía no aparece en un estado de cuenta. Aceptamos su disputa ahora y la estamos atendiendo; no necesita esperar al estado de cuenta.";

    /// <inheritdoc />
    public string NotCollected(decimal amount, string currency) =>
        $"Como no cumplimos un plazo que la ley fija para atender su disputa, no cobraremos {Money(amount, currency)} del importe en disputa; ese importe no forma parte de lo que usted debe.";

    /// <inheritdoc />
    public string LetterTitle(Domain.Notices.NoticeKind kind) => kind switch
    {
        Domain.Notices.NoticeKind.Acknowledgment => "Recibimos su disputa",
        Domain.Notices.NoticeKind.DocumentsRequest => "Documentos que necesitamos de usted",
        Domain.Notices.NoticeKind.Correction => "Corregimos su cuenta",
        Domain.Notices.NoticeKind.Explanation => "El resultado de nuestra investigación",
        _ => "A quién informamos el monto",
    };

    /// <inheritdoc />
    public string Refusal(DisputeRule rule) => rule switch
    {
        DisputeRule.Withdrawn => "Esta disputa ya fue retirada.",
        DisputeRule.Resolved => "Esta disputa ya está resuelta, por lo que ya no se puede retirar.",
        _ => "Este paso no es posible en esta disputa ahora.",
    };
}
