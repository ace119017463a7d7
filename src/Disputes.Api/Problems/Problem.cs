using Disputes.Domain.Disputes;
using Disputes.Domain.Screening;
using Microsoft.AspNetCore.Mvc;

namespace Disputes.Api.Problems;

/// <summary>
/// The RFC 9457 answers of the API. Every refusal goes through here, so each has a stable <c>type</c>, a
/// title, and (for field errors) an <c>errors</c> map from JSON field name to messages.
/// </summary>
public static class Problem
{
    /// <summary>400: the request's fields are missing or malformed; <paramref name="errors"/> names each.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.Problem(new ValidationProblemDetails(errors)
        {
            Type = ProblemTypes.Validation,
            Title = "The request has invalid fields.",
            Status = StatusCodes.Status400BadRequest,
            Detail = "Correct the fields listed in 'errors' and send the request again. Nothing was stored.",
        });

    /// <summary>400 for one field.</summary>
    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// 400: a webhook URL names a host on the service's own network (SSRF); <paramref name="reason"/> says which address
    /// and what it is. Nothing was stored.
    /// </summary>
    public static IResult DestinationRefused(string field, string reason) =>
        Results.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"{reason}; webhooks are sent only to public addresses."] })
        {
            Type = ProblemTypes.DestinationRefused,
            Title = "Webhooks may not be sent to this address.",
            Status = StatusCodes.Status400BadRequest,
            Detail = $"The URL's host cannot be used: {reason}. Loopback, link-local, private, unique-local, unspecified and multicast "
                + "addresses are refused. Give a URL whose host resolves to public addresses only. Nothing was stored.",
        });

    /// <summary>422: free text holds data the service must never store. The value itself is never echoed.</summary>
    public static IResult SensitiveData(string field, SensitiveDataKind kind) =>
        Results.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"contains {Describe(kind)}"] })
        {
            Type = ProblemTypes.SensitiveData,
            Title = "The request contains sensitive data the service does not accept.",
            Status = StatusCodes.Status422UnprocessableEntity,
            Detail = $"The field '{field}' appears to contain {Describe(kind)}. Remove it and send the request again; nothing was stored.",
        });

    /// <summary>422 with a reason: the request is well formed but cannot be processed as it stands.</summary>
    public static IResult Unprocessable(string title, string detail) =>
        Results.Problem(type: ProblemTypes.Unprocessable, title: title, detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>403 with a reason: the caller is signed in, but what they reach belongs to someone else.</summary>
    public static IResult NotYours(string detail) =>
        Results.Problem(type: ProblemTypes.NotYours, title: "This belongs to another account.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>404.</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(type: ProblemTypes.NotFound, title: "Not found.", detail: $"{what} does not exist.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>409: the step is not allowed in the current state of something other than a dispute (a disabled subscription).</summary>
    public static IResult NotAllowedNow(string reason) =>
        Results.Problem(type: ProblemTypes.StepNotAllowed, title: "This step is not allowed now.", detail: reason, statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// 409: the step is not allowed in the dispute's current state (403 when the rule is that a second person must take it). The problem names the <paramref name="rule"/> that
    /// refused it (<c>rule</c>, snake_case), so a client can word it for its own audience.
    /// </summary>
    public static IResult RuleViolation(DisputeRule rule, string reason) => rule == DisputeRule.OwnProposal
        ? Results.Problem(type: ProblemTypes.SecondPersonRequired, title: "Someone else must decide this.", detail: reason, statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["rule"] = FieldErrors.SnakeCase(rule) })
        : Results.Problem(type: ProblemTypes.StepNotAllowed, title: "This step is not allowed now.", detail: reason, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["rule"] = FieldErrors.SnakeCase(rule) });

    /// <summary>
    /// 409: a complaint step is not allowed in the complaint's current state; the problem names the <paramref name="rule"/>
    /// that refused it (<c>rule</c>, snake_case), as for a dispute.
    /// </summary>
    public static IResult RuleViolation(Domain.Complaints.ComplaintRule rule, string reason) =>
        Results.Problem(type: ProblemTypes.StepNotAllowed, title: "This step is not allowed now.", detail: reason, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["rule"] = FieldErrors.SnakeCase(rule) });

    /// <summary>409: the dispute (or the <paramref name="what"/> named) changed since the version the caller decided on.</summary>
    public static IResult VersionConflict(string detail, string what = "dispute") =>
        Results.Problem(type: ProblemTypes.VersionConflict, title: $"Someone else changed this {what}.", detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>428: a command came without the version it was decided on, of the dispute or the <paramref name="what"/> named.</summary>
    public static IResult VersionRequired(string what = "dispute") =>
        Results.Problem(type: ProblemTypes.VersionRequired, title: $"The {what} version is required.",
            detail: "Send the version you decided on, as 'expectedVersion' in the body or in an If-Match header.",
            statusCode: StatusCodes.Status428PreconditionRequired);

    /// <summary>413: the body is larger than <paramref name="limitBytes"/>.</summary>
    public static IResult TooLarge(long? limitBytes = null) =>
        Results.Problem(type: ProblemTypes.TooLarge, title: "The request body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: limitBytes is { } limit ? $"Send at most {limit} bytes. Nothing was stored." : "Send a smaller body. Nothing was stored.");

    /// <summary>A request that could not be read (bad framing, wrong content type), with the status the server chose.</summary>
    public static IResult Unreadable(int status) =>
        Results.Problem(type: ProblemTypes.BadRequest, title: "The request could not be read.", statusCode: status,
            detail: "Send a well-formed JSON body with the Content-Type application/json.");

    /// <summary>422: the letter a step would send holds data a letter never contains; nothing was sent or stored.</summary>
    public static IResult LetterRefused(string detail) =>
        Results.Problem(type: ProblemTypes.SensitiveData, title: "The letter was not sent.", detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>500: the stored copy of a letter does not match its record, so it is withheld.</summary>
    public static IResult LetterWithheld() =>
        Results.Problem(type: ProblemTypes.LetterIntegrity, title: "The stored letter does not match its record.", statusCode: StatusCodes.Status500InternalServerError,
            detail: "The letter is withheld because its stored copy differs from the one issued.");

    /// <summary>503: the database cannot be reached or does not answer.</summary>
    public static IResult Unavailable() =>
        Results.Problem(type: ProblemTypes.Unavailable, title: "The service is temporarily unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: "The database cannot be reached. Nothing was changed; try again shortly.");

    /// <summary>429: this client's allowance is used; it may try again in <paramref name="seconds"/>.</summary>
    public static IResult TooManyIntakes(int seconds) =>
        Results.Problem(type: ProblemTypes.TooManyRequests, title: "Too many disputes opened by this client.", statusCode: StatusCodes.Status429TooManyRequests,
            detail: $"This client has used its allowance of dispute intakes for now. Nothing was stored; try again in {seconds} s.");

    /// <summary>415: the uploaded file is none of the kinds accepted; nothing was stored.</summary>
    public static IResult UnsupportedFile(string detail) =>
        Results.Problem(type: ProblemTypes.UnsupportedFile, title: "This kind of file is not accepted.", statusCode: StatusCodes.Status415UnsupportedMediaType,
            detail: detail + " Send a PDF, a JPEG or a PNG. Nothing was stored.");

    /// <summary>409: the dispute keeps <paramref name="limit"/> files already.</summary>
    public static IResult FileLimit(int limit) =>
        Results.Problem(type: ProblemTypes.FileLimit, title: "This dispute has all the files it can take.", statusCode: StatusCodes.Status409Conflict,
            detail: $"A dispute keeps at most {limit} files. Nothing was stored; contact us to send more.");

    /// <summary>410: the upload link expired or was revoked.</summary>
    public static IResult LinkGone() =>
        Results.Problem(type: ProblemTypes.LinkGone, title: "This upload link no longer works.", statusCode: StatusCodes.Status410Gone,
            detail: "The link expired or was withdrawn. Nothing was stored; ask us for a new link.");

    /// <summary>429: this client sent too many uploads; it may try again in <paramref name="seconds"/>.</summary>
    public static IResult TooManyUploads(int seconds) =>
        Results.Problem(type: ProblemTypes.TooManyRequests, title: "Too many uploads from this client.", statusCode: StatusCodes.Status429TooManyRequests,
            detail: $"Nothing was stored; try again in {seconds} s.");

    internal static string Describe(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.CardNumber => "a full card number",
        SensitiveDataKind.CardSecurityCode => "a card security code",
        SensitiveDataKind.SocialSecurityNumber => "a Social Security number",
        SensitiveDataKind.OneTimePasscode => "a one-time passcode",
        _ => "sensitive data",
    };
}
